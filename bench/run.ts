// npm run bench: extraction throughput and report build time, printed as a table and written to out/bench.json.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { generateArticles, writeCorpus } from './generate.js';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readArticle } from '../src/read/article.js';
import { extract } from '../src/extract/index.js';
import { buildReport, loadKnowledge } from '../src/build.js';
import { renderReport } from '../src/render/document.js';
import type { RenderMeta } from '../src/types.js';

const root = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Runs of each command in the side-by-side with Chromium (short ones: more of them cost little). */
const SIDE_BY_SIDE_RUNS = 7;

/** Peak RSS of this process so far, in MB (the in-process rows run one after the other). */
const peakRss = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(run: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

const corpusDir = path.join(root, 'corpus');
const files = readdirSync(corpusDir).filter((f) => f.endsWith('.txt'));
const texts = files.map((f) => ({ file: f, text: readFileSync(path.join(corpusDir, f), 'utf8') }));
const knowledge = await loadKnowledge();

const results: Record<string, number | string>[] = [];
for (const count of [texts.length, 2000]) {
  // The sample articles repeated, each copy a distinct document, dated as the manifest dates them.
  const copies = Array.from({ length: count }, (_, i) => texts[i % texts.length]!);
  const bytes = copies.reduce((sum, c) => sum + Buffer.byteLength(c.text), 0);
  const articles = copies.map((c, i) => readArticle(`copy${i}/${c.file}`, '.txt', c.text, { published: '2023-11-22' }));
  const ms = await timed(() => extract(articles, knowledge));
  results.push({ measure: `extract ${count} sample articles (in process, one thread)`, 'median ms': ms.toFixed(1), 'articles/s': Math.round((count / ms) * 1000), 'MB/s': ((bytes / 1e6 / ms) * 1000).toFixed(2), 'peak RSS MB': peakRss() });
}

const outDir = path.join(root, 'out', 'bench');
const buildMs = await timed(() => buildReport(path.join(root, 'briefings', 'iraq-militias.yaml'), { outDir }));
results.push({ measure: 'build sample report (warm, in process)', 'median ms': buildMs.toFixed(1), 'peak RSS MB': peakRss() });

// Rendering alone (Markdown -> PDF with per-page footnotes): the sample report, and a generated 50-page one.
const meta: RenderMeta = {
  title: 'Benchmark', subject: 'bench', keywords: [], author: 'sitrep', classification: 'UNCLASSIFIED', footerLeft: 'BENCH',
  language: 'en', creationDate: new Date(Date.UTC(2024, 0, 1)), attachment: null,
};
const sample = await buildReport(path.join(root, 'briefings', 'iraq-militias.yaml'), { outDir });
for (const [name, markdown] of [['render sample report', sample.markdown], ['render 50-page report', longReport(500)]] as const) {
  let pages = 0;
  const ms = await timed(async () => {
    const pdf = await renderReport(markdown, meta, { allowedDirs: [] });
    pages = Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1] ?? 0);
  });
  results.push({ measure: name, 'median ms': ms.toFixed(1), 'peak RSS MB': peakRss(), pages });
}

/** Paragraphs of wire-like prose, each citing two sources, with a heading every ten paragraphs. */
function longReport(paragraphs: number): string {
  const sentence = 'The convoy was attacked near the crossing on Tuesday, officials said, and the road stayed closed for hours while engineers cleared the debris.';
  const lines: string[] = ['# Benchmark report', ''];
  for (let i = 0; i < paragraphs; i++) {
    if (i % 10 === 0) lines.push(`## Section ${i / 10 + 1}`, '');
    lines.push(`${sentence} ${sentence}[^a${i}][^b${i}]`, '');
  }
  for (let i = 0; i < paragraphs; i++) lines.push(`[^a${i}]: Example Wire, “Report ${i}”, 2 Jan 2024, para. 3.`, `[^b${i}]: Other Wire, 3 Jan 2024, para. 7.`);
  return lines.join('\n');
}

// ---- Generated corpora: extraction without and with the cache, in a fresh process as a user runs it ----
// The installed command (package.json's bin): it starts from the startup snapshot when there is one.
const cli = path.join(root, 'bin', 'sitrep');
const scratchDir = path.join(root, 'out', 'bench');
const sizes = (process.env.BENCH_SIZES ?? '2000,20000').split(',').map(Number);

/** A command to measure: what runs before each run of it (emptying a cache, say). */
interface Run {
  command: string[];
  env?: Record<string, string>;
  before?: () => void;
}

type Measured = { ms: number; cpuS: number; rssMb: number; failure: string | null };

/**
 * Runs each command `times` times (RUNS unless told), in turn (A, B, A, B, ...: this machine's speed drifts over
 * minutes, and alternated runs share the drift, so that rows compared with each other are measured alike). For
 * each: median wall time; median CPU time (user + system, with the processes it waited for), which varies less
 * than wall time on a shared machine; and the largest peak RSS of one process.
 */
function measuredInTurn(runs: Run[], times = RUNS): Measured[] {
  const results = runs.map(() => ({ times: [] as number[], cpu: [] as number[], rssMb: 0, failure: null as string | null }));
  for (let i = 0; i < times; i++) {
    for (const [n, { command, env = {}, before }] of runs.entries()) {
      const r = results[n]!;
      before?.();
      const start = performance.now();
      const child = spawnSync('/usr/bin/time', ['-f', '%M %U %S', ...command], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 });
      r.times.push(performance.now() - start);
      if (child.status !== 0) {
        r.failure = child.stderr;
        continue;
      }
      const [kb, user, system] = child.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
      r.rssMb = Math.max(r.rssMb, kb! / 1024);
      r.cpu.push(user! + system!);
    }
  }
  return results.map((r) => ({ ms: median(r.times), cpuS: r.failure === null ? median(r.cpu) : NaN, rssMb: r.rssMb, failure: r.failure }));
}

/** The CLI in fresh processes, as a user runs it, each command in turn: a run that fails stops the bench. */
function fresh(...runs: { args: string[]; env?: Record<string, string>; before?: () => void }[]): Measured[] {
  const measured = measuredInTurn(runs.map(({ args, env, before }) => ({ command: [cli, ...args], env, before })));
  measured.forEach((r, i) => {
    if (r.failure !== null) throw new Error(`sitrep ${runs[i]!.args.join(' ')} failed: ${r.failure}`);
  });
  return measured;
}

const cpuColumn = (r: { cpuS: number }) => ({ 'median CPU s': r.cpuS.toFixed(2) });

for (const count of sizes) {
  const dir = path.join(scratchDir, `corpus-${count}`);
  rmSync(dir, { recursive: true, force: true });
  const bytes = writeCorpus(dir, generateArticles(count, 7));
  const cache = path.join(scratchDir, `cache-${count}`);
  const row = (measure: string, r: { ms: number; cpuS: number; rssMb: number }) =>
    results.push({ measure, 'median ms': r.ms.toFixed(0), ...cpuColumn(r), 'articles/s': Math.round((count / r.ms) * 1000), 'MB/s': ((bytes / 1e6 / r.ms) * 1000).toFixed(2), 'peak RSS MB': r.rssMb.toFixed(0) });
  const emptyCache = () => rmSync(cache, { recursive: true, force: true });
  const extract = ['extract', '--corpus', dir];
  // One thread and the default in turn: the default's figure is read against the machine's speed at the time.
  const [oneThread, byDefault] = fresh({ args: extract, env: { SITREP_CACHE_DIR: 'off', SITREP_WORKERS: '0' } }, { args: extract, env: { SITREP_CACHE_DIR: 'off' } });
  row(`extract ${count} generated articles, no cache, one thread`, oneThread!);
  row(`extract ${count} generated articles, no cache, default (workers from 12 MB)`, byDefault!);
  row(`extract ${count} generated articles, filling the cache`, fresh({ args: extract, env: { SITREP_CACHE_DIR: cache }, before: emptyCache })[0]!);
  row(`extract ${count} generated articles, unchanged (cache)`, fresh({ args: extract, env: { SITREP_CACHE_DIR: cache } })[0]!);
}

// ---- A year of weekly reports over the largest generated corpus, cache warm, then empty ----
{
  const count = sizes.at(-1)!;
  const dir = path.join(scratchDir, `weekly-${count}`);
  mkdirSync(path.join(dir, 'briefings'), { recursive: true });
  // The sections of the sample weekly briefing, with limits that keep a week of many articles a readable report.
  writeFileSync(
    path.join(dir, 'briefings', 'weekly.yaml'),
    [
      'title: Generated weekly',
      'period: 2023-W01',
      `corpus: ../../corpus-${count}`,
      'weekly: { first: 2023-W01 }',
      'sections:',
      '  - { heading: New since the last report, kind: changes, sort: significance, limit: 15 }',
      '  - { heading: Key developments, kind: events, sort: significance, limit: 5 }',
      '  - { heading: Chronology, kind: chronology, sort: significance, limit: 20 }',
      '  - { heading: Map, kind: map, sort: significance, limit: 20 }',
      '  - { heading: Key figures, kind: figures, sort: significance, limit: 10 }',
      '  - { heading: Statements, kind: quotes, sort: date, limit: 8 }',
      '',
    ].join('\n'),
  );
  const out = path.join(dir, 'out');
  const weekly = ['weekly', path.join(dir, 'briefings', 'weekly.yaml'), '--from', '2023-01-02', '--to', '2023-12-31', '--out', out];
  const removeOut = () => rmSync(out, { recursive: true, force: true });
  const r = fresh({ args: weekly, env: { SITREP_CACHE_DIR: path.join(scratchDir, `cache-${count}`) }, before: removeOut })[0]!;
  const pages = readdirSync(out).map((f) => Number(/\/Count (\d+)/.exec(readFileSync(path.join(out, f), 'latin1'))?.[1] ?? 0));
  results.push({ measure: `52 weekly reports over ${count} articles (cache warm)`, 'median ms': r.ms.toFixed(0), ...cpuColumn(r), 'peak RSS MB': r.rssMb.toFixed(0), pages: `${median(pages)} per report` });
  // A user's first batch: the corpus is extracted (and the cache filled) before the weeks are rendered.
  const emptyCache = path.join(scratchDir, `cache-${count}-weekly`);
  const first = fresh({ args: weekly, env: { SITREP_CACHE_DIR: emptyCache }, before: () => (removeOut(), rmSync(emptyCache, { recursive: true, force: true })) })[0]!;
  results.push({ measure: 'same, cache empty (the corpus extracted first)', 'median ms': first.ms.toFixed(0), ...cpuColumn(first), 'peak RSS MB': first.rssMb.toFixed(0) });
}

// ---- Side by side: the sample report by sitrep (PDF) and by headless Chromium printing the same briefing's HTML ----
{
  const sampleSpec = path.join(root, 'briefings', 'iraq-militias.yaml');
  const sampleCache = path.join(scratchDir, 'cache-sample');
  const build = ['build', sampleSpec, '--out', scratchDir];
  const env = { SITREP_CACHE_DIR: sampleCache };
  const nodeFlags = readFileSync(path.join(root, 'dist', 'bundle', 'node-flags'), 'utf8').split(/\s+/).filter(Boolean);
  const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((name) => spawnSync('which', [name]).status === 0);
  const html = path.join(scratchDir, 'iraq-militias_2024-01-31.html');
  if (chromium && spawnSync(cli, [...build, '--format', 'html'], { env: { ...process.env, ...env } }).status !== 0) throw new Error('sitrep build --format html failed');
  // All in turn: the empty-cache build fills the cache the next two find warm; Chromium prints the same briefing.
  // Each takes about a second, and one run in three or four lands in a slow spell of this shared machine (a
  // tenth to a quarter slower): seven runs each, so that a median is not one of those.
  const [cold, warm, modules, printed] = measuredInTurn([
    { command: [cli, ...build], env, before: () => rmSync(sampleCache, { recursive: true, force: true }) },
    { command: [cli, ...build], env },
    // The same without the startup snapshot (with the V8 options bin/sitrep gives): what it saves.
    { command: [process.execPath, ...nodeFlags, path.join(root, 'dist', 'bundle', 'sitrep.js'), ...build], env },
    ...(chromium ? [{ command: [chromium, '--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${path.join(scratchDir, 'chromium.pdf')}`, `file://${html}`] }] : []),
  ], Math.max(RUNS, SIDE_BY_SIDE_RUNS)) as [Measured, Measured, Measured, Measured?];
  for (const r of [cold, warm, modules]) if (r.failure !== null) throw new Error(`sitrep build failed: ${r.failure}`);
  results.push({ measure: 'build of the sample report, fresh process, empty cache', 'median ms': cold.ms.toFixed(0), ...cpuColumn(cold), 'peak RSS MB': cold.rssMb.toFixed(0) });
  results.push({ measure: 'build of the sample report, fresh process, cache warm', 'median ms': warm.ms.toFixed(0), ...cpuColumn(warm), 'peak RSS MB': warm.rssMb.toFixed(0) });
  results.push({ measure: 'same, cache warm, started from the modules (no snapshot)', 'median ms': modules.ms.toFixed(0), ...cpuColumn(modules), 'peak RSS MB': modules.rssMb.toFixed(0) });
  if (printed) {
    if (printed.failure === null) {
      results.push({ measure: 'the same briefing: Chromium prints its HTML to PDF', 'median ms': printed.ms.toFixed(0), ...cpuColumn(printed) });
      const ratio = (a: number, b: number) => (a / b).toFixed(2);
      results.push({
        measure: 'ratio sitrep / Chromium (empty cache; cache warm)',
        'median ms': `${ratio(cold.ms, printed.ms)}; ${ratio(warm.ms, printed.ms)}`,
        'median CPU s': `${ratio(cold.cpuS, printed.cpuS)}; ${ratio(warm.cpuS, printed.cpuS)}`,
      });
    }
  } else results.push({ measure: 'Chromium not installed (apt-get install chromium) - no comparison', 'median ms': '' });
}

// Columns in this order whichever rows have them (the in-process rows have no CPU figure).
console.table(results, ['measure', 'median ms', 'median CPU s', 'articles/s', 'MB/s', 'peak RSS MB', 'pages']);
mkdirSync(path.join(root, 'out'), { recursive: true });
writeFileSync(path.join(root, 'out', 'bench.json'), JSON.stringify({ node: process.version, runs: RUNS, results }, null, 2));
