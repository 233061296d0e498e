// Reading a corpus: paragraphs, the manifest, front matter, inference, and files that are not text.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../src/read/corpus.js';
import { splitFrontMatter } from '../src/read/frontMatter.js';
import { parseMarkdown, splitPlainText, unmarkedParagraphs } from '../src/read/paragraphs.js';
import { workspace } from './helpers/workspace.js';

describe('paragraphs', () => {
  it('treats one line per paragraph and blank-line blocks alike', () => {
    expect(splitPlainText('Headline here\nFirst paragraph.\nSecond paragraph.')).toEqual(['Headline here', 'First paragraph.', 'Second paragraph.']);
    expect(splitPlainText('One.\n\n\nTwo.')).toEqual(['One.', 'Two.']);
  });

  it('joins hard-wrapped lines into one paragraph', () => {
    const wrapped = 'The ministry said on Monday that the convoy had reached\nthe northern crossing after a delay of several hours at\nthe checkpoint.';
    expect(splitPlainText(wrapped)).toHaveLength(1);
  });
});

describe('Markdown without markup', () => {
  // Prose with now and then a character or a line start that Markdown reads as markup.
  const pieces = ['word', 'Name', ' ', ' ', '  ', '\n', '\n', '\n\n', '\n \n', '"', '“', '’', "'", '.', ',', '(', ')', ':', '!', '?', '%', '$', '@', '{', '}', '^',
    '-', '--', '+', '=', '==', '>', '1', '1.', '2)', '\u00a0', ' \u00a0', '\t', '*', '_', '#', '# ', '[', ']', '`', '~', '<', '&', '&amp;', '\\', '|', '\r\n'];
  const prose = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(''));

  it('reads as markdown-it does wherever it applies', () => {
    let applied = 0;
    fc.assert(
      fc.property(prose, (text) => {
        const plain = unmarkedParagraphs(text);
        if (plain === null) return;
        applied++;
        expect(plain).toEqual(parseMarkdown(text).paragraphs);
        expect(parseMarkdown(text).headline).toBeNull();
      }),
      { seed: 20261123, numRuns: 3000 },
    );
    expect(applied).toBeGreaterThan(300);
  });

  it('applies to the plain articles of the test corpora and gives markdown-it\'s paragraphs', () => {
    const folders = ['corpus', 'test/fixtures/wire', 'test/fixtures/heldout'];
    let applied = 0;
    for (const folder of folders) {
      for (const file of readdirSync(folder).filter((f) => /\.(md|txt)$/.test(f))) {
        const { body } = splitFrontMatter(readFileSync(`${folder}/${file}`, 'utf8'), file);
        const plain = unmarkedParagraphs(body);
        if (plain === null) continue;
        applied++;
        expect(plain).toEqual(parseMarkdown(body).paragraphs);
      }
    }
    expect(applied).toBeGreaterThan(0);
  });

  it('leaves markup to markdown-it', () => {
    for (const text of ['# Title\n\nBody.', 'A *word*.', '- item', '1. item', '    code', 'Line\n===', '> quote', 'a &amp; b', 'a\\*b']) {
      expect(unmarkedParagraphs(text)).toBeNull();
    }
  });
});

describe('the sample corpus', () => {
  it('reads the five articles with ids, dates from the manifest and the one known outlet', async () => {
    const corpus = await readCorpus('corpus');
    const documents = corpus.articles.map((a) => a.document);
    expect(documents.map((d) => [d.id, d.published, d.publishedFrom])).toEqual([
      ['000_63b2296729f61cca', '2023-11-22', 'manifest'],
      ['001_fe0ea18a2fa51486', '2023-11-22', 'manifest'],
      ['002_ae935fe3d795c253', '2024-01-24', 'manifest'],
      ['003_af5f6a479a2a0600', '2023-11-22', 'manifest'],
      ['004_7de8ed87ed3b8916', '2021-06-28', 'manifest'],
    ]);
    expect(documents.map((d) => d.outlet)).toEqual([null, null, null, 'ABC News', null]);
    expect(documents[2]!.author).toBe('Rachel Anderson');
    expect(documents[4]!.title).toBe('US Airstrikes Hit Iran-Backed Militia Facilities in Iraq, Syria');
    expect(documents[0]!.title).toBeNull();
  });
});

describe('metadata precedence', () => {
  it('front matter overrides the manifest; the text fills the gaps, marked as inferred', async () => {
    const dir = workspace({
      'c/sources.yaml': 'a.md:\n  outlet: Manifest Wire\n  published: 2020-01-01\nb.txt:\n  reliability: B\n',
      'c/a.md': '---\npublished: 2021-02-03\n---\n# The Markdown headline\n\nBody text.\n',
      'c/b.txt': 'A plain headline for the test\n\nBy Jane Roe\n\nBAGHDAD, March 4, 2022 — Body text.\n\nCopyright © 2022, Example Wire. All rights reserved.\n',
      'c/nested/c.txt': 'Body only.',
    });
    const corpus = await readCorpus(`${dir}/c`);
    const [a, b, c] = corpus.articles.map((x) => x.document);
    expect(a).toMatchObject({ id: 'a', title: 'The Markdown headline', outlet: 'Manifest Wire', published: '2021-02-03', publishedFrom: 'front-matter' });
    expect(b).toMatchObject({ id: 'b', title: 'A plain headline for the test', author: 'Jane Roe', outlet: 'Example Wire', published: '2022-03-04', publishedFrom: 'inferred', reliability: 'B' });
    expect(c).toMatchObject({ id: 'nested/c', published: null, publishedFrom: 'unknown' });
    expect(corpus.articles[1]!.paragraphs.map((p) => p.role)).toEqual(['headline', 'byline', 'body', 'copyright']);
  });

  it('skips files that are not text, naming them', async () => {
    const dir = workspace({ 'c/ok.txt': 'Text.', 'c/image.png': new Uint8Array([137, 80, 78, 71, 0, 0]), 'c/bad.txt': new Uint8Array([65, 0, 66]) });
    const corpus = await readCorpus(`${dir}/c`);
    expect(corpus.articles.map((a) => a.document.id)).toEqual(['ok']);
    expect(corpus.skipped).toEqual([
      { file: 'bad.txt', reason: 'binary file (contains NUL bytes); convert it to UTF-8 text' },
      { file: 'image.png', reason: 'not a text or Markdown article (.png)' },
    ]);
  });

  it('reads Latin-1 and UTF-16 text', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Caf\u00e9 said "yes".', 'utf16le')]);
    const dir = workspace({ 'c/latin.txt': Buffer.from('Caf\u00e9 noir.', 'latin1'), 'c/wide.txt': utf16 });
    const corpus = await readCorpus(`${dir}/c`);
    expect(corpus.articles.map((a) => a.paragraphs[0]!.text)).toEqual(['Café noir.', 'Café said "yes".']);
  });

  it('points at the manifest line of an unknown field', async () => {
    const dir = workspace({ 'c/sources.yaml': 'a.txt:\n  titel: X\n', 'c/a.txt': 'Body.' });
    await expect(readCorpus(`${dir}/c`)).rejects.toThrow(/sources\.yaml:2:3: error: unknown key `titel` in `a\.txt` \(did you mean `title`\?\)/);
  });
});
