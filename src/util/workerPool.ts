// A pool of worker threads that each run one job at a time: jobs queue, and go to the next idle worker. Used by
// `sitrep weekly` (one report per job) and by extraction (a batch of articles per job). Errors come back as
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

/** `script` is a compiled module that calls serveJobs(); `workerData` is given to every worker once. */
export function workerPool<Input, Output>(script: URL, size: number, workerData: unknown, resourceLimits?: ResourceLimits): WorkerPool<Input, Output> {
  const { Worker } = workerThreads();
  const workers = new Set(Array.from({ length: size }, () => new Worker(script, { workerData, resourceLimits })));
  const pending = new Map<number, { resolve: (output: Output) => void; reject: (error: unknown) => void }>();
  const queue: { id: number; input: Input }[] = [];
  const idle = [...workers];
  // Which job each worker has: a worker that dies (out of memory, say) fails its own job only.
  const busy = new Map<Worker, number>();
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
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      busy.set(worker, job.id);
      worker.postMessage(job);
    }
  };
  for (const worker of workers) {
    worker.on('message', (reply: Reply<Output>) => {
      busy.delete(worker);
      const job = settle(reply.id);
      idle.push(worker);
      dispatch();
      if ('error' in reply) {
        const { diagnostics, message, stack } = reply.error;
        job.reject(diagnostics ? new SitrepError(diagnostics) : Object.assign(new Error(message), { stack }));
      } else job.resolve(reply.output);
    });
    worker.on('error', (error) => {
      workers.delete(worker);
      gone = error;
      const id = busy.get(worker);
      busy.delete(worker);
      if (id !== undefined) settle(id).reject(error);
      // The last worker gone: what is left waiting fails too.
      if (workers.size === 0) for (const { id: queued } of queue.splice(0)) settle(queued).reject(error);
    });
  }
  return {
    run: (input) =>
      new Promise<Output>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        if (workers.size === 0) return reject(gone ?? new Error('no worker threads left'));
        queue.push({ id, input });
        dispatch();
      }),
    // Closing twice is closing once.
    close: async () => {
      const closing = [...workers].map((w) => w.terminate());
      workers.clear();
      await Promise.all(closing);
    },
  };
}

/** A worker thread ran out of the memory it was given. */
export const outOfMemory = (error: unknown) => (error as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';

/** The worker's side: answers each job with `handle`'s output (and the buffers it hands over, not copies). */
export function serveJobs<Input, Output>(handle: (input: Input) => Promise<{ output: Output; transfer?: TransferListItem[] }>): void {
  const parentPort = workerThreads().parentPort!;
  parentPort.on('message', async ({ id, input }: { id: number; input: Input }) => {
    try {
      const { output, transfer } = await handle(input);
      parentPort.postMessage({ id, output } satisfies Reply<Output>, transfer);
    } catch (error) {
      const diagnostics = error instanceof SitrepError ? error.diagnostics : null;
      parentPort.postMessage({ id, error: { diagnostics, message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack } } satisfies Reply<Output>);
    }
  });
}

/**
 * Worker threads run compiled code only (dist/, or the bundle and its startup snapshot's script, .cjs): from the
 * TypeScript source (tsx, vitest), work stays in this thread.
 */
export const canUseWorkers = !import.meta.url.endsWith('.ts');
