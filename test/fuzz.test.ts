// Property-based tests (fast-check, fixed seed): random and malformed specs, corpus files, templates and command
// lines end in a result or in one clear error, never in a crash, a stack trace or a hang. `npm run fuzz` runs more.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { compose } from '../src/compose/index.js';
import { escapeMarkdown } from '../src/compose/escape.js';
import { SitrepError } from '../src/errors.js';
import { extract } from '../src/extract/index.js';
import { loadKnowledge } from '../src/build.js';
import { readCorpus } from '../src/read/corpus.js';
import { parseMarkdown } from '../src/render/markdown.js';
import { parseSpec } from '../src/spec/load.js';
import type { Selection } from '../src/types.js';
import { projectRoot } from './helpers/workspace.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const settings = { seed: Number(process.env.FUZZ_SEED ?? 20261122), numRuns: RUNS };
const sampleSpec = `title: Sample
period: { from: 2023-11-01, to: 2023-11-30 }
asOf: 2023-11-30T18:00:00Z
corpus: ../corpus
sections:
  - heading: Key developments
    kind: events
    limit: 5
`;

const scratch = mkdtempSync(path.join(tmpdir(), 'sitrep-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `action`; it may return, or throw a SitrepError with located, printable diagnostics. Anything else fails. */
function onlyClearErrors(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof SitrepError)) throw new Error(`not a clear error: ${(error as Error)?.stack ?? String(error)}`);
    for (const d of error.diagnostics) expect(d.message.length).toBeGreaterThan(0);
  }
}

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', '\u0000', '\u202e', '{{#each x}}', '**', '[^1]', '# h', '"', '“unmatched', '\r\n', 'a: &a [*a]', '---', '9'.repeat(400), '2023-02-30', '2023-W54'),
  fc.integer().map(String),
  fc.double().map(String),
);

describe('specs', () => {
  it('random YAML values in every field', () => {
    const key = fc.constantFrom('title', 'period', 'asOf', 'corpus', 'template', 'language', 'sections', 'reportNumber', 'weekly', 'mail', 'limt', '__proto__', 'constructor');
    const value = fc.oneof(fc.jsonValue({ maxDepth: 4 }), nasty, fc.constant({ from: '2023-11-01', to: '2023-02-30' }), fc.constant([{ heading: 'x', kind: 'events', limit: 1e308 }]));
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 8 }), (fields) => {
        const text = stringify({ ...(parseSample()), ...fields });
        onlyClearErrors(() => parseSpec(text, path.join(scratch, 'briefings', 'spec.yaml')));
      }),
      settings,
    );
  });

  it('random text, deep nesting and alias bombs', () => {
    const bomb = fc.integer({ min: 2, max: 12 }).map((n) => {
      const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < n; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
      return `${lines.join('\n')}\ntitle: [*a${n - 1}]\n`;
    });
    const deep = fc.integer({ min: 1, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`);
    const mutated = fc.tuple(fc.nat(sampleSpec.length), fc.nat(40), nasty).map(([at, cut, insert]) => sampleSpec.slice(0, at) + insert + sampleSpec.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), bomb, deep, mutated), (text) => {
        const started = performance.now();
        onlyClearErrors(() => parseSpec(text, path.join(scratch, 'briefings', 'spec.yaml')));
        expect(performance.now() - started).toBeLessThan(2000);
      }),
      settings,
    );
  });
});

function parseSample() {
  return { title: 'Sample', period: '2023-W47', sections: [{ heading: 'Key developments', kind: 'events' }] };
}

describe('corpus files', () => {
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 2000 }),
    fc.array(fc.oneof(nasty, fc.constantFrom('The army said “we will return', 'Officials said "five people were killed" on Monday.', '”', '\u0007\u001b[31m', 'Mr. Smith said: "No."', '\n\n')), { maxLength: 60 }).map((parts) => parts.join(' ')),
  );
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 3000 }),
    text.map((t) => new TextEncoder().encode(t)),
    text.map((t) => Buffer.from(`\ufeff${t}`, 'utf16le')),
    text.map((t) => Buffer.from(t, 'latin1')),
  );

  it('read and extracted without a crash; every quote is a verbatim part of its paragraph', async () => {
    const knowledge = await loadKnowledge();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(bytes, { minLength: 1, maxLength: 3 }), fc.constantFrom('.txt', '.md', '.bin'), async (files, extension) => {
        const dir = path.join(scratch, `corpus-${n++}`);
        mkdirSync(dir, { recursive: true });
        files.forEach((content, i) => writeFileSync(path.join(dir, `a${i}${extension}`), content));
        const corpus = await readCorpus(dir).catch((error: unknown) => {
          if (error instanceof SitrepError) return null; // a manifest or front matter error, located
          throw error;
        });
        if (!corpus) return;
        expect(corpus.articles.length + corpus.skipped.length).toBe(files.length);
        for (const skipped of corpus.skipped) expect(skipped.reason.length).toBeGreaterThan(0);
        const extraction = extract(corpus.articles, knowledge);
        const paragraphs = new Map(corpus.articles.flatMap((a) => a.paragraphs.map((p) => [`${a.document.id}#${p.n}`, p.text] as const)));
        for (const quote of extraction.quotes) expect(paragraphs.get(`${quote.document}#${quote.paragraph}`)).toContain(quote.text);
      }),
      { ...settings, numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

describe('templates', () => {
  const selection = {
    spec: { name: 't', file: '/t.yaml', title: 'T', subtitle: null, reportNumber: null, classification: 'U', asOf: '2024-01-01T00:00:00.000Z', period: { from: '2024-01-01', to: '2024-01-07', week: null }, corpus: '/c', template: 't', language: 'en', sections: [], weekly: { first: null, number: 'W{n}', weekStartsOn: 'monday' }, mail: null },
    eventTypeLabels: {}, documents: [], sections: [{ heading: 'S', kind: 'quotes', text: null, events: [], updated: [], quotes: [], figures: [] }], skipped: [],
  } as unknown as Selection;
  const fragment = fc.constantFrom('{{', '}}', '{{#each sections}}', '{{/each}}', '{{#if x}}', '{{/if}}', '{{> part}}', '{{> (lookup this "p")}}', '{{report.title}}', '{{nope}}', '{{date report.asOf}}', '{{{', '{{!--', '--}}', '{{else}}', '{{constructor}}', '{{__proto__}}', '{{lookup report "constructor"}}', 'text ', '\n');

  it('syntax errors, unknown names and endless partials are template errors', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), fc.array(fragment, { maxLength: 10 }), (main, partial) => {
        const source = (name: string, text: string) => ({ name, file: `/t/${name}.md.hbs`, text });
        const template = { name: 't', dir: '/t', description: null, dirs: ['/t'], themes: [], themeFile: null, main: source('report', main.join('')), partials: [source('part', partial.join(''))] };
        onlyClearErrors(() => {
          const markdown = compose(selection, template);
          // Prototype access stays off: no function source ever reaches the report.
          expect(markdown).not.toMatch(/function|\[native code\]/);
        });
      }),
      settings,
    );
  });
});

describe('Markdown escaping', () => {
  it('any text comes out of the Markdown parser as itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const tokens = parseMarkdown(`Quote: ${escapeMarkdown(text)}`);
        const inline = tokens.filter((t) => t.type === 'inline').flatMap((t) => t.children ?? []);
        expect(inline.every((t) => t.type === 'text' || t.type === 'softbreak')).toBe(true);
        const back = inline.map((t) => (t.type === 'softbreak' ? ' ' : t.content)).join('');
        // Line breaks become spaces and the ends are trimmed (a paragraph), NUL becomes U+FFFD (CommonMark).
        const expected = `Quote: ${text.replace(/\s*\n\s*/g, ' ').trim()}`.replace(/\u0000/g, '\ufffd').replace(/\s+$/, '');
        expect(back.replace(/\s+$/, '')).toBe(expected.replace(/\r/g, ' ').replace(/[ \t]+$/, ''));
      }),
      settings,
    );
  });
});

describe('command lines', () => {
  it('any arguments: an exit code, and no stack trace without --debug', async () => {
    const word = fc.oneof(
      fc.constantFrom('build', 'build-all', 'validate', 'extract', 'weekly', 'mail', 'templates', 'list', 'init', '--out', '--week', '--last', '--from', '--to', '--today', '--format', '--eml', '--send', '--to', '--json', '--corpus', '--watch', '../../etc/passwd', 'briefings/nope.yaml', 'corpus', 'x@y', '2023-W47', '-1', 'html', '--help'),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 6 }), async (argv) => {
        if (argv.includes('--watch') || argv.includes('--send')) return; // these wait for the world; tested on their own
        if (argv[0] === 'build-all' || (argv[0] === 'templates' && argv[1] === 'init')) return; // would write into the project
        const err: string[] = [];
        const code = await run(argv, { out: () => {}, err: (l) => err.push(l), env: {}, cwd: scratch });
        expect(Number.isInteger(code)).toBe(true);
        expect(err.join('\n')).not.toMatch(/\n\s+at /);
        expect(err.join('\n')).not.toContain('this is a bug in sitrep');
      }),
      { ...settings, numRuns: Math.ceil(RUNS / 3) },
    );
  });
});

// The spec and corpus of the project are valid inputs for the properties above.
it('the sample spec parses', () => {
  expect(parseSpec(sampleSpec, path.join(projectRoot, 'briefings', 'x.yaml')).title).toBe('Sample');
});
