import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sharedWithThisThread, workerPool } from '../src/util/workerPool.js';
import { workspace } from './helpers/workspace.js';
import { workersFrom } from '../src/build.js';

// A worker speaking the pool's protocol, one job after the other as serveJobs does: it answers a job with its input
// in capitals, after a moment, and dies (an uncaught error, as when it runs out of memory) on the job 'die'.
const WORKER = `
import { parentPort } from 'node:worker_threads';
let last = Promise.resolve();
parentPort.on('message', ({ id, input }) => {
  last = last.then(() => new Promise((done) => setTimeout(() => {
    if (input === 'die') throw new Error('worker died');
    parentPort.postMessage({ id, output: input.toUpperCase() });
    done();
  }, 30)));
});
`;

function pool(size: number) {
  const script = path.join(workspace(), 'worker.mjs');
  writeFileSync(script, WORKER);
  return workerPool<string, string>(pathToFileURL(script), size, null, { jobsAhead: 2 });
}

const outcomes = (jobs: Promise<string>[]) => Promise.all(jobs.map((job) => job.then((value) => value, (error: Error) => `failed: ${error.message}`)));

describe('workerPool', () => {
  it('gives the jobs a dying worker held but had not started to another worker; only the one it ran fails', async () => {
    const workers = pool(2);
    try {
      // Two at a time: the first worker holds 'die' and 'a', the second 'b' and 'c'.
      expect(await outcomes(['die', 'a', 'b', 'c'].map((input) => workers.run(input)))).toEqual(['failed: worker died', 'A', 'B', 'C']);
      expect(await workers.run('d')).toBe('D');
    } finally {
      await workers.close();
    }
  });

  it('fails every job left, for the same reason, when its last worker dies', async () => {
    const workers = pool(1);
    try {
      expect(await outcomes(['die', 'a', 'b'].map((input) => workers.run(input)))).toEqual(['failed: worker died', 'failed: worker died', 'failed: worker died']);
      expect(await outcomes([workers.run('c')])).toEqual(['failed: worker died']);
    } finally {
      await workers.close();
    }
  });
});

describe('sharedWithThisThread', () => {
  it('gives every job to a worker lane or to this thread, makes each when its turn comes, and fails only the job that failed', async () => {
    const made: number[] = [];
    const where = new Map<number, string>();
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    const inWorker = async (n: number) => {
      await pause();
      if (n === 3) throw new Error('job 3 failed');
      where.set(n, 'worker');
      return n * 10;
    };
    const here = async (n: number) => {
      await pause();
      if (n === 3) throw new Error('job 3 failed');
      where.set(n, 'here');
      return n * 10;
    };
    const take = sharedWithThisThread(2, inWorker, here);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, n) => take(() => (made.push(n), n))));
    // Two lanes take jobs 0 and 1 at once; this thread takes the next after the answers waiting; each job is made once.
    expect(made.slice(0, 2)).toEqual([0, 1]);
    expect([...made].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(where.values())).toEqual(new Set(['worker', 'here']));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(
      [0, 10, 20, 'job 3 failed', 40, 50, 60, 70],
    );
  });
});

describe('SITREP_WORKERS', () => {
  it('sets how many worker threads, 0 turning them off; unset, empty or not a count, the default', () => {
    expect(workersFrom({ SITREP_WORKERS: '0' })).toBe(0);
    expect(workersFrom({ SITREP_WORKERS: ' 3 ' })).toBe(3);
    for (const value of [undefined, '', '  ', 'two', '-1', '1.5']) expect(workersFrom({ SITREP_WORKERS: value }), String(value)).toBeUndefined();
  });
});
