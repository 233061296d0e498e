import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection of this thread's heap, without `node --expose-gc`: V8 exposes `gc` to contexts created
 * while the flag is set (as Jest's leak detector does). For the moment a long phase ends and threads are about to
 * start: V8 keeps the heap a phase grew to, and the garbage it holds would count at the peak.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  try {
    (runInNewContext('gc') as () => void)();
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
