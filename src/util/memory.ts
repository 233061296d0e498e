import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection of this thread's heap, without `node --expose-gc`: V8 exposes `gc` to contexts created
 * while the flag is set (as Jest's leak detector does). For the moment a long phase ends and threads are about to
 * start: V8 keeps the heap a phase grew to, and the garbage it holds would count at the peak. Twice: the first
 * collection frees the pages, and they are handed back to the system only by the next (after extracting 20,000
 * articles, the process then held 269 MB, not 321). Compacting: the pages the live objects were scattered over
 * (a heap of 151 MB for 68 MB live) are emptied, for this thread's later work to fill (102 MB for the same).
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    const gc = runInNewContext('gc') as () => void;
    gc();
    gc();
  } finally {
    setFlagsFromString('--no-expose-gc');
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

/**
 * Runs `work` with every heap of the process grown, at each full collection, to at most `percent` more than that
 * collection found live. V8's own rule grows a heap with no set limit (this thread's) by up to four times when it
 * allocates fast, as rendering does: memory held for garbage, not for anything in use.
 */
export async function withHeapGrowth<T>(percent: number, work: () => Promise<T>): Promise<T> {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  try {
    return await work();
  } finally {
    setFlagsFromString('--heap-growing-percent=0'); // V8's own rule again
  }
}
