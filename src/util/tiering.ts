// When V8 optimizes. V8 compiles a function with its optimizing compiler (TurboFan) once the function has spent an
// "interrupt budget" of bytecode. A report's build is a run of half a second: there that compiling, on both cores,
// costs more than the faster code gains. The sample report started from the snapshot, with twelve times the budget
// (fourteen alternated runs each): cache empty 524 -> 461 ms (CPU time 740 -> 540 ms), cache warm 382 -> 332 ms.
// Long work wants V8's own budget: extracting 20,000 articles took 5.1 s, 5.8 s with the budget raised. So a
// short command raises it, and lowers it again where long work starts.
import { setFlagsFromString } from 'node:v8';

/** V8's own interrupt budget, as `node --v8-options` gives it: known to the bundled command (scripts/bundle.mjs). */
declare const SITREP_V8_INTERRUPT_BUDGET: number | null | undefined;
const usualBudget = typeof SITREP_V8_INTERRUPT_BUDGET === 'number' ? SITREP_V8_INTERRUPT_BUDGET : null;
const SHORT_RUN_FACTOR = 12;
let late = false;

/** For a short run: functions are optimized only once they have run twelve times as long. */
export function optimizeLate(): void {
  if (usualBudget === null || late) return;
  setFlagsFromString(`--interrupt-budget=${usualBudget * SHORT_RUN_FACTOR}`);
  late = true;
}

/** Long work starts: V8's own budget again (nothing to do unless optimizeLate raised it). */
export function optimizeAsUsual(): void {
  if (!late) return;
  setFlagsFromString(`--interrupt-budget=${usualBudget!}`);
  late = false;
}
