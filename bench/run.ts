// npm run bench: extraction throughput and report build time, printed as a table and written to out/bench.json.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readArticle } from '../src/read/article.js';
import { extract } from '../src/extract/index.js';
import { buildReport, loadKnowledge } from '../src/build.js';
import { renderReport } from '../src/render/document.js';
import type { RenderMeta } from '../src/types.js';

const root = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

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
  results.push({ measure: `extract ${count} articles`, 'median ms': ms.toFixed(1), 'articles/s': Math.round((count / ms) * 1000), 'MB/s': ((bytes / 1e6 / ms) * 1000).toFixed(2) });
}

const outDir = path.join(root, 'out', 'bench');
const buildMs = await timed(() => buildReport(path.join(root, 'briefings', 'iraq-militias.yaml'), { outDir }));
results.push({ measure: 'build sample report (warm, in process)', 'median ms': buildMs.toFixed(1), 'articles/s': '', 'MB/s': '', pages: '', 'footnote passes': '' });

// Rendering alone (Markdown -> PDF with per-page footnotes): the sample report, and a generated 50-page one.
const meta: RenderMeta = {
  title: 'Benchmark', subject: 'bench', keywords: [], author: 'sitrep', classification: 'UNCLASSIFIED', footerLeft: 'BENCH',
  language: 'en', creationDate: new Date(Date.UTC(2024, 0, 1)), attachment: null,
};
const sample = await buildReport(path.join(root, 'briefings', 'iraq-militias.yaml'), { outDir });
for (const [name, markdown] of [['render sample report', sample.markdown], ['render 50-page report', longReport(500)]] as const) {
  let passes = 0;
  let pages = 0;
  const ms = await timed(async () => {
    const pdf = await renderReport(markdown, meta, { allowedDirs: [] });
    passes = pdf.passes ?? 0;
    pages = Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1] ?? 0);
  });
  results.push({ measure: name, 'median ms': ms.toFixed(1), 'articles/s': '', 'MB/s': '', pages, 'footnote passes': passes });
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

console.table(results);
mkdirSync(path.join(root, 'out'), { recursive: true });
writeFileSync(path.join(root, 'out', 'bench.json'), JSON.stringify({ node: process.version, runs: RUNS, results }, null, 2));
