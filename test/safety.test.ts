// Nothing lost, nothing half-written, nothing injected, nothing printed that was not read.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputPath } from '../src/deliver/write.js';
import { readCorpus } from '../src/read/corpus.js';
import type { Quote } from '../src/types.js';
import { sitrep } from './helpers/cli.js';
import { flat, readPdf } from './helpers/pdfText.js';
import { projectRoot, specYaml, workspace } from './helpers/workspace.js';

const cli = path.join(projectRoot, 'src', 'cli', 'bin.ts');

// The three sample reports, built once: the previous report of the kill test, and the reports whose quotes are checked.
const samples = workspace();
beforeAll(async () => {
  const result = await sitrep(['build-all', 'briefings', '--out', samples], { cwd: projectRoot });
  expect(result.code).toBe(0);
}, 60_000);

describe('a build killed midway', () => {
  it('leaves the previous PDF intact and no temp file', async () => {
    const dir = workspace({}, { withSampleCorpus: true });
    mkdirSync(path.join(dir, 'briefings'));
    mkdirSync(path.join(dir, 'out'));
    // The previous report: the sample, as built before.
    const spec = path.join(dir, 'briefings', 'iraq-militias.yaml');
    const pdfFile = path.join(dir, 'out', 'iraq-militias_2024-01-31.pdf');
    const before = readFileSync(path.join(samples, 'iraq-militias_2024-01-31.pdf'));
    writeFileSync(pdfFile, before);

    // The next build would write a different report; it is killed while it lays the pages out (it stops there and
    // says so: see helpers/stallLayout.mjs).
    writeFileSync(spec, readFileSync(path.join(projectRoot, 'briefings', 'iraq-militias.yaml'), 'utf8').replace(/^title: .*$/m, 'title: "A different report"'));
    const stall = path.join(projectRoot, 'test', 'helpers', 'stallLayout.mjs');
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', stall, cli, 'build', spec, '--out', path.join(dir, 'out')], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'ignore'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const layingOut = new Promise<boolean>((resolve) => {
      let said = '';
      child.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()).includes('laying out') && resolve(true));
      child.on('exit', () => resolve(false));
    });
    expect(await layingOut, 'reached the layout').toBe(true);
    child.kill('SIGKILL');
    expect(await exited, 'killed while still running').toBe('SIGKILL');

    expect(Buffer.compare(readFileSync(pdfFile), before)).toBe(0);
    expect(readdirSync(path.join(dir, 'out'))).toEqual([path.basename(pdfFile)]);
  }, 60_000);
});

describe('hostile input', () => {
  const corpus = { 'corpus/a.txt': 'Attack on the town\n\nOfficials said "the road is closed" on Monday.\n' };

  it('output names cannot leave the output folder', () => {
    for (const name of ['../../etc/passwd', '..', '/abs/path.pdf', '.hidden', 'a/../../b.pdf']) {
      const file = outputPath('/srv/out', name);
      expect(path.dirname(file), name).toBe('/srv/out');
      expect(path.basename(file).startsWith('.'), name).toBe(false);
    }
  });

  it('a template cannot read files outside its folders, nor reach the network', async () => {
    const dir = workspace({
      ...corpus,
      'brief.yaml': specYaml().replace('corpus: corpus', 'corpus: corpus\ntemplate: ./mine'),
      'mine/template.yaml': 'extends: sitrep\n',
      // Markdown images are not part of the dialect; links stay links, nothing is fetched or embedded.
      'mine/report.md.hbs': '# {{report.title}}\n\n![x](/etc/passwd) ![y](https://example.org/y.png) [site](https://example.org/)\n',
    });
    const result = await sitrep(['build', 'brief.yaml', '--out', 'out'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(readFileSync(path.join(dir, result.stdout)).toString('latin1')).not.toContain('/Subtype /Image');
  });

  it('a template cannot reach prototypes', async () => {
    for (const body of ['{{report.constructor}}', '{{report.__proto__}}', '{{lookup report "constructor"}}', '{{#with report}}{{constructor.name}}{{/with}}']) {
      const dir = workspace({
        ...corpus,
        'brief.yaml': specYaml().replace('corpus: corpus', 'corpus: corpus\ntemplate: ./mine'),
        'mine/template.yaml': 'extends: sitrep\n',
        'mine/report.md.hbs': `# {{report.title}}\n\nX${body}X\n`,
      });
      const result = await sitrep(['build', 'brief.yaml', '--format', 'html', '--out', 'out'], { cwd: dir });
      if (result.code === 0) expect(readFileSync(path.join(dir, result.stdout), 'utf8'), body).toContain('<p>XX</p>');
      else expect(result.stderr, body).toMatch(/error: .*(not defined|constructor|__proto__)/);
    }
  });

  it('unreadable corpus files are skipped, named, and counted in the report', async () => {
    const dir = workspace({
      ...corpus,
      'corpus/image.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3, 0, 0]),
      'corpus/dump.txt': `${'x'.repeat(40_000)}\n`,
      'brief.yaml': specYaml(),
    });
    const result = await sitrep(['build', 'brief.yaml', '--out', 'out'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('2 corpus file(s) skipped');
    const text = flat((await readPdf(readFileSync(path.join(dir, result.stdout)))).pages.join('\n'));
    expect(text).toContain('2 corpus files could not be read');
    const listed = await sitrep(['extract', '--corpus', 'corpus'], { cwd: dir });
    expect(listed.stderr).toContain('skipped dump.txt: a paragraph of 40,000 characters is not prose');
    expect(listed.stderr).toContain('skipped image.txt');
  });
});

describe('honesty: every quote printed is in its source, word for word', () => {
  it('in every sample report', async () => {
    const corpus = await readCorpus(path.join(projectRoot, 'corpus'));
    const paragraph = (q: Quote) => corpus.articles.find((a) => a.document.id === q.document)?.paragraphs.find((p) => p.n === q.paragraph)?.text;
    const reports = readdirSync(samples).filter((f) => f.endsWith('.pdf'));
    expect(reports.length).toBeGreaterThanOrEqual(3);
    let checked = 0;
    for (const file of reports) {
      const bytes = readFileSync(path.join(samples, file));
      const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise;
      const attachments = (await pdf.getAttachments()) as Record<string, { content: Uint8Array }>;
      await pdf.destroy();
      const { quotes } = JSON.parse(new TextDecoder().decode(Object.values(attachments)[0]!.content)) as { quotes: Quote[] };
      const printed = flat((await readPdf(bytes)).pages.join('\n'));
      for (const quote of quotes) {
        expect(paragraph(quote), `${quote.id} in ${quote.document} para. ${quote.paragraph}`).toContain(quote.text);
        expect(printed, `${quote.id} printed in ${file}`).toContain(quote.text.replace(/\s+/g, ' '));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
