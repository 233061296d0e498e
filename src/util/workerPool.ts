// A pool of worker threads that each run one job at a time: jobs queue, and go to the next worker with room. Used
// by `sitrep weekly` (one report per job) and by extraction (a batch of articles per job). Errors come back as
// SitrepErrors when they were, so a worker's diagnostics read as if the job had run here.
import type { ResourceLimits, TransferListItem, Worker } from 'node:worker_threads';
import { SitrepError, type Diagnostic } from '../errors.js';

// Node's worker_threads loads when a pool starts or a worker serves, not with this module: loaded while the
// startup snapshot is built, its state would not survive the snapshot, and no worker would start from it.
const workerThreads = () => process.getBuiltinModule('node:worker_threads');

export interface WorkerPool<Input, Output> {
  run(input: Input): Promise<Output>;
  close(): Promise<void>;
}

type Reply<Output> = { id: number; output: Output } | { id: number; error: { diagnostics: Diagnostic[] | null; message: string; stack?: string } };

export interface PoolOptions {
  resourceLimits?: ResourceLimits;
  /**
   * How many jobs a worker is given at once (it runs them one after the other). More than one when this thread is
   * busy too: a worker then starts its next job without waiting for this thread to hand it over.
   */
  jobsAhead?: number;
}

/** `script` is a compiled module that calls serveJobs(); `workerData` is given to every worker once. */
export function workerPool<Input, Output>(script: URL, size: number, workerData: unknown, { resourceLimits, jobsAhead = 1 }: PoolOptions = {}): WorkerPool<Input, Output> {
  const { Worker } = workerThreads();
  const workers = new Set(Array.from({ length: size }, () => new Worker(script, { workerData, resourceLimits })));
  const pending = new Map<number, { input: Input; resolve: (output: Output) => void; reject: (error: unknown) => void }>();
  /** Jobs given to no worker yet, by id. */
  const queue: number[] = [];
  // The jobs each worker has been given, in order: a worker that dies (out of memory, say) fails the one it was running.
  const held = new Map([...workers].map((worker) => [worker, new Set<number>()]));
  let next = 0;
  // Why the last worker went: a job given after that fails the same way (out of memory, say, so that the caller's
  // fallback applies), not with a reason of its own.
  let gone: unknown = null;
  const settle = (id: number) => {
    const job = pending.get(id)!;
    pending.delete(id);
    return job;
  };
  const dispatch = () => {
    for (const [worker, jobs] of held) {
      while (jobs.size < jobsAhead && queue.length > 0) {
        const id = queue.shift()!;
        jobs.add(id);
        worker.postMessage({ id, input: pending.get(id)!.input });
      }
    }
  };
  for (const worker of workers) {
    worker.on('message', (reply: Reply<Output>) => {
      held.get(worker)?.delete(reply.id);
      const job = settle(reply.id);
      dispatch();
      if ('error' in reply) {
        const { diagnostics, message, stack } = reply.error;
        job.reject(diagnostics ? new SitrepError(diagnostics) : Object.assign(new Error(message), { stack }));
      } else job.resolve(reply.output);
    });
    worker.on('error', (error) => {
      workers.delete(worker);
      gone = error;
      const [running, ...notStarted] = held.get(worker) ?? [];
      held.delete(worker);
      // The job it was running fails; those it held but had not started go back to the queue, for another worker.
      if (running !== undefined) settle(running).reject(error);
      queue.unshift(...notStarted);
      // The last worker gone: what is left waiting fails too.
      if (workers.size === 0) for (const queued of queue.splice(0)) settle(queued).reject(error);
      else dispatch();
    });
  }
  return {
    run: (input) =>
      new Promise<Output>((resolve, reject) => {
        if (workers.size === 0) return reject(gone ?? new Error('no worker threads left'));
        const id = next++;
        pending.set(id, { input, resolve, reject });
        queue.push(id);
        dispatch();
      }),
    // Closing twice is closing once.
    close: async () => {
      const closing = [...workers].map((w) => w.terminate());
      workers.clear();
      held.clear();
      await Promise.all(closing);
    },
  };
}

/**
 * Jobs shared between a pool's workers and this thread, which would otherwise only wait (and whose results need no
 * hand-over): each is taken, in the order given, by whichever is free, one of `lanes` worker lanes (a pool's workers,
 * each holding a few jobs) or this thread. This thread looks for its next job only after the workers' answers already
 * waiting, so that a worker given its next job is not kept waiting. A job is made (`job()`) when its turn comes.
 */
export function sharedWithThisThread<Job, Result>(lanes: number, inWorker: (job: Job) => Promise<Result>, here: (job: Job) => Promise<Result>): (job: () => Job) => Promise<Result> {
  const waiting: { job: () => Job; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  let inWorkers = 0;
  let busyHere = false;
  const take = async (run: (job: Job) => Promise<Result>) => {
    const { job, resolve, reject } = waiting.shift()!;
    try {
      resolve(await run(job()));
    } catch (error) {
      reject(error);
    }
  };
  const startTaking = () => {
    while (waiting.length > 0 && inWorkers < lanes) {
      inWorkers++;
      void take(inWorker).finally(() => {
        inWorkers--;
        startTaking();
      });
    }
    if (waiting.length > 0 && !busyHere) {
      busyHere = true;
      void new Promise((resolve) => setImmediate(resolve))
        .then(() => (waiting.length > 0 ? take(here) : undefined))
        .finally(() => {
          busyHere = false;
          startTaking();
        });
    }
  };
  return (job) =>
    new Promise<Result>((resolve, reject) => {
      waiting.push({ job, resolve, reject });
      startTaking();
    });
}

/** A worker thread ran out of the memory it was given. */
export const outOfMemory = (error: unknown) => (error as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';

/**
 * The worker's side: answers each job with `handle`'s output (and the buffers it hands over, not copies), one job
 * after the other, in the order given.
 */
export function serveJobs<Input, Output>(handle: (input: Input) => Promise<{ output: Output; transfer?: TransferListItem[] }>): void {
  const parentPort = workerThreads().parentPort!;
  const answer = async ({ id, input }: { id: number; input: Input }) => {
    try {
      const { output, transfer } = await handle(input);
      parentPort.postMessage({ id, output } satisfies Reply<Output>, transfer);
    } catch (error) {
      const diagnostics = error instanceof SitrepError ? error.diagnostics : null;
      parentPort.postMessage({ id, error: { diagnostics, message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack } } satisfies Reply<Output>);
    }
  };
  let last = Promise.resolve();
  parentPort.on('message', (job: { id: number; input: Input }) => {
    last = last.then(() => answer(job));
  });
}

/**
 * Worker threads run compiled code only (dist/, or the bundle and its startup snapshot's script, .cjs): from the
 * TypeScript source (tsx, vitest), work stays in this thread.
 */
export const canUseWorkers = !import.meta.url.endsWith('.ts');
