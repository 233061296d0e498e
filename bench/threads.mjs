// node bench/threads.mjs: does a second core help JavaScript that allocates, in worker threads and in processes?
// The same job (objects kept a while, then dropped; a regular expression over strings) runs alone, then twice at
// once in two worker threads of one process, then twice at once in two processes. Medians of ROUNDS rounds, in ms.
import { fork } from 'node:child_process';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

function job() {
  const started = performance.now();
  let kept = [];
  let sum = 0;
  for (let i = 0; i < 3e6; i++) {
    const item = { index: i, label: `x${i % 1000}`, pair: [i, i + 1] };
    kept.push(item);
    if (kept.length > 50_000) kept = [];
    sum += item.pair.length;
  }
  for (let i = 0; i < 2e5; i++) sum += /(\d+)\s+(killed|dead)/.test(`some 12 killed in ${i}`) ? 1 : 0;
  return { ms: performance.now() - started, sum };
}

const self = new URL(import.meta.url);
const inThreads = () => Promise.all([0, 1].map(() => new Promise((resolve, reject) => new Worker(self).once('message', resolve).once('error', reject))));
const inProcesses = () => Promise.all([0, 1].map(() => new Promise((resolve, reject) => fork(self, ['child']).once('message', resolve).once('error', reject))));

if (!isMainThread) parentPort.postMessage(job().ms);
else if (process.argv[2] === 'child') process.send(job().ms, () => process.exit(0));
else {
  const rounds = Number(process.env.ROUNDS ?? 5);
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const rows = { alone: [], 'two worker threads': [], 'two processes': [] };
  for (let round = 0; round < rounds; round++) {
    rows.alone.push([job().ms]);
    rows['two worker threads'].push(await inThreads());
    rows['two processes'].push(await inProcesses());
  }
  console.table(Object.fromEntries(Object.entries(rows).map(([name, runs]) => [name, { 'median ms per job': Math.round(median(runs.flat())) }])));
}
