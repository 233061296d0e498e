// Templates users make their own: extends and overrides, themes, helpers, strict errors, HTML, flash, --watch.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { groupBy, numberWords, sortBy, truncate } from '../src/compose/helpers.js';
import { sitrep } from './helpers/cli.js';
import { flat, readPdf } from './helpers/pdfText.js';
import { projectRoot, specYaml, workspace } from './helpers/workspace.js';

const article = `Fighting in the north

Officials said on Monday that "the road to Marib is closed to all traffic" after the attack.

A spokesman added: "We will reopen it when it is safe."
`;
const corpus = {
  'corpus/a.txt': article,
  'corpus/sources.yaml': 'a.txt:\n  outlet: Example Wire\n  published: 2024-01-10\n',
};
const withTemplate = (template: string, extra = '') => specYaml(extra).replace('corpus: corpus', `corpus: corpus\ntemplate: ${template}`);

/** The smallest valid PNG (1x1, grey): a logo for the theme tests. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');

async function pageSize(file: string): Promise<number[]> {
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(file)) }).promise;
  const view = (await pdf.getPage(1)).view;
  await pdf.destroy();
  return view.map((v) => Math.round(v));
}

describe('a template that extends another', () => {
  it('overrides one partial and inherits the rest', async () => {
    const dir = workspace({
      ...corpus,
      'brief.yaml': withTemplate('./mine', '  - heading: Chronology\n    kind: chronology\n'),
      'mine/template.yaml': 'extends: sitrep\n',
      'mine/partials/section-quotes.md.hbs': '## {{heading}}\n\n{{#each quotes}}\n- ON RECORD: “{{text}}”{{cite this}}\n{{/each}}\n',
    });
    const result = await sitrep(['build', 'brief.yaml', '--out', 'out'], { cwd: dir });
    expect(result.stderr).toBe('');
    const text = flat((await readPdf(readFileSync(path.join(dir, result.stdout)))).pages.join('\n'));
    expect(text).toContain('ON RECORD: “the road to Marib is closed to all traffic”');
    expect(text).toContain('Chronology'); // from sitrep's own partial
    expect(text).toContain('Information cut-off'); // sitrep's title block
  });

  it('a loop of extends is an error naming the files', async () => {
    const dir = workspace({ ...corpus, 'brief.yaml': withTemplate('./a'), 'a/template.yaml': 'extends: ../b\n', 'b/template.yaml': 'extends: ../a\n' });
    const result = await sitrep(['build', 'brief.yaml'], { cwd: dir });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('templates extend each other in a loop');
  });

  it('`templates list` shows the built-in templates and their partials; `templates init` copies one to edit', async () => {
    const list = await sitrep(['templates', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^sitrep {2}templates\/sitrep$/m);
    expect(list.stdout).toMatch(/^flash {2}templates\/flash {2}\(extends sitrep\)$/m);
    expect(list.stdout).toContain('partials: event-line, section-changes, section-chronology');

    const dir = workspace(corpus);
    const init = await sitrep(['templates', 'init', 'house', '--from', 'sitrep', '--dir', 'mine'], { cwd: dir });
    expect(init.code).toBe(0);
    expect(readFileSync(path.join(dir, 'mine/house/template.yaml'), 'utf8')).toContain('extends: sitrep');
    for (const file of ['report.md.hbs', 'theme.yaml', 'partials/section-quotes.md.hbs']) expect(existsSync(path.join(dir, 'mine/house', file)), file).toBe(true);
    writeFileSync(path.join(dir, 'mine/house/partials/section-quotes.md.hbs'), '## {{heading}}\n\nHOUSE STYLE {{numberWords quotes.length}} statements.\n');
    writeFileSync(path.join(dir, 'brief.yaml'), withTemplate('./mine/house'));
    const built = await sitrep(['build', 'brief.yaml', '--out', 'out'], { cwd: dir });
    expect(built.stderr).toBe('');
    expect(flat((await readPdf(readFileSync(path.join(dir, built.stdout)))).pages.join('\n'))).toContain('HOUSE STYLE two statements.');
    const again = await sitrep(['templates', 'init', 'house', '--dir', 'mine'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });
});

describe('themes', () => {
  it('set the page size, orientation, colours and logo', async () => {
    const dir = workspace({
      ...corpus,
      'brief.yaml': withTemplate('./mine'),
      'mine/template.yaml': 'extends: sitrep\n',
      'mine/theme.yaml': 'page: { size: Letter, orientation: landscape, margins: 40 }\ncolors: { accent: "#006400" }\nlogo: { image: logo.png, width: 40 }\n',
      'mine/logo.png': PNG,
    });
    const result = await sitrep(['build', 'brief.yaml', '--out', 'out'], { cwd: dir });
    expect(result.stderr).toBe('');
    const file = path.join(dir, result.stdout);
    expect(await pageSize(file)).toEqual([0, 0, 792, 612]);
    expect(readFileSync(file).toString('latin1')).toContain('/Subtype /Image');
  });

  it('invalid values and files outside the template are errors with file and line', async () => {
    const cases: [string, string][] = [
      ['page:\n  size: A3\n', 'theme.yaml:2'],
      ['colors:\n  accent: green\n', 'expected a colour as #rrggbb'],
      ['fonts:\n  size: 30\n', 'at most 11 points'],
      ['fonts:\n  body: Garamond\n', 'font `Garamond` is neither bundled'],
      ['logo:\n  image: ../secret.png\n', 'is outside the template folder'],
      ['page: [\n', 'theme.yaml:'],
    ];
    for (const [theme, expected] of cases) {
      const dir = workspace({ ...corpus, 'brief.yaml': withTemplate('./mine'), 'mine/template.yaml': 'extends: sitrep\n', 'mine/theme.yaml': theme, 'secret.png': PNG });
      const result = await sitrep(['build', 'brief.yaml'], { cwd: dir });
      expect(result.code, theme).toBe(4);
      expect(result.stderr, theme).toContain(expected);
      expect(result.stderr).not.toContain('    at ');
    }
  });
});

describe('helpers', () => {
  it('unknown helpers and partials fail before rendering, with the template file and line', async () => {
    const dir = workspace({
      ...corpus,
      'brief.yaml': withTemplate('./mine'),
      'mine/template.yaml': 'extends: sitrep\n',
      'mine/report.md.hbs': '# {{report.title}}\n\n{{shout report.title}}\n\n{{> no-such-partial}}\n',
    });
    const result = await sitrep(['build', 'brief.yaml'], { cwd: dir });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('mine/report.md.hbs:3:1: error: unknown helper `shout`');
    expect(result.stderr).toContain('mine/report.md.hbs:5:1: error: unknown partial `no-such-partial`');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('number words, truncate, sortBy, groupBy', () => {
    expect([0, 3, 12, 13, 1500].map(numberWords)).toEqual(['zero', 'three', 'twelve', '13', '1,500']);
    expect(truncate('The convoy was attacked near the crossing', 20)).toBe('The convoy was…');
    expect(truncate('short', 20)).toBe('short');
    const events = [{ date: '2023-11-22', n: 2 }, { date: null, n: 3 }, { date: '2023-11-20', n: 1 }, { date: '2023-11-28', n: 4 }];
    expect(sortBy(events, 'date').map((e) => (e as { n: number }).n)).toEqual([1, 2, 4, 3]);
    expect(sortBy(events, '-date').map((e) => (e as { n: number }).n)).toEqual([4, 2, 1, 3]);
    expect(groupBy(events, 'week').map((g) => [g.key, g.items.length])).toEqual([['2023-W47', 2], ['date unknown', 1], ['2023-W48', 1]]);
  });

  it('sourcesOf, groupBy and limit work inside a template', async () => {
    const dir = workspace({
      ...corpus,
      'brief.yaml': withTemplate('./mine'),
      'mine/template.yaml': 'extends: sitrep\n',
      'mine/report.md.hbs':
        '# {{report.title}}\n\n{{#each sections}}{{#each (groupBy quotes "document")}}\nGROUP {{numberWords items.length}}\n{{#each (limit items 1)}}\nFIRST “{{truncate text 15}}” FROM {{sourcesOf this}}\n{{/each}}\n{{/each}}{{/each}}\n',
    });
    const result = await sitrep(['build', 'brief.yaml', '--out', 'out'], { cwd: dir });
    expect(result.stderr).toBe('');
    const text = flat((await readPdf(readFileSync(path.join(dir, result.stdout)))).pages.join('\n'));
    expect(text).toContain('GROUP two');
    expect(text).toContain('FIRST “the road to…” FROM Example Wire');
  });
});

describe('built-in templates', () => {
  it('flash is one page: key developments and statements only', async () => {
    const out = workspace();
    const result = await sitrep(['build', 'briefings/iraq-militias-flash.yaml', '--out', out], { cwd: projectRoot });
    expect(result.stderr).toBe('');
    const { pages } = await readPdf(readFileSync(path.join(projectRoot, result.stdout)));
    expect(pages).toHaveLength(1);
    const text = flat(pages[0]!);
    expect(text).toContain('FLASH: Iraq: U.S. strikes on Iran-backed militias');
    expect(text).toContain('Key developments');
    expect(text).toContain('Statements');
    expect(text).not.toContain('Chronology');
  });
});

describe('--format html', () => {
  it('writes one self-contained file in which corpus text is text', async () => {
    const hostile = 'Residents said "<script>alert(1)</script> {{report.title}} **loud** [^1]" was painted on the wall.';
    const dir = workspace({ ...corpus, 'corpus/a.txt': `${article}\n${hostile}\n`, 'brief.yaml': specYaml('  - heading: Map\n    kind: map\n') });
    const result = await sitrep(['build', 'brief.yaml', '--format', 'html', '--out', 'out'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(path.join('out', 'brief_2024-01-31.html'));
    const html = readFileSync(path.join(dir, result.stdout), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h1>Test report</h1>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; {{report.title}} **loud** [^1]');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//); // nothing fetched from anywhere
    expect(html).toContain('class="footnotes"');
  });
});

describe('build --watch', () => {
  it('rebuilds when the spec changes, reports a broken spec and keeps watching', async () => {
    const dir = workspace({ ...corpus, 'brief.yaml': specYaml() });
    const out: string[] = [];
    const err: string[] = [];
    const stop = new AbortController();
    const watching = run(['build', 'brief.yaml', '--watch', '--out', 'out'], { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd: dir, signal: stop.signal });
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(check()).toBe(true);
    };
    await until(() => out.length === 1);
    expect(out[0]).toMatch(/^built in \d+ ms: out\/brief_2024-01-31\.pdf$/);
    writeFileSync(path.join(dir, 'brief.yaml'), specYaml().replace('title: Test report', 'title: Retitled report'));
    await until(() => out.length === 2);
    expect(flat((await readPdf(readFileSync(path.join(dir, 'out/brief_2024-01-31.pdf')))).pages[0]!)).toContain('Retitled report');
    writeFileSync(path.join(dir, 'brief.yaml'), specYaml().replace('kind: quotes', 'kind: qoutes'));
    await until(() => err.length === 1);
    expect(err[0]).toContain('brief.yaml:8:11: error:');
    expect(err[0]).toContain('(watching for changes)');
    writeFileSync(path.join(dir, 'brief.yaml'), specYaml());
    await until(() => out.length === 3);
    stop.abort();
    expect(await watching).toBe(0);
  });
});
