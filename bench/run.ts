// npm run bench: extraction throughput and report build time, printed as a table and written to out/bench.json.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readArticle } from '../src/read/article.js';
import { extract } from '../src/extract/index.js';
import { buildReport, loadKnowledge } from '../src/build.js';

const root = path.resolve(import.meta.dirname, '..');
const RUNS = 5;

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
results.push({ measure: 'build sample report (warm, in process)', 'median ms': buildMs.toFixed(1), 'articles/s': '', 'MB/s': '' });

console.table(results);
mkdirSync(path.join(root, 'out'), { recursive: true });
writeFileSync(path.join(root, 'out', 'bench.json'), JSON.stringify({ node: process.version, runs: RUNS, results }, null, 2));
