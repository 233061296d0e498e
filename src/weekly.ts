// `sitrep weekly`: one report per week, numbered in sequence. A week that fails does not stop the others.
import { availableParallelism } from 'node:os';
import { SitrepError } from './errors.js';
import { canUseWorkers, outOfMemory, sharedWithThisThread, workerPool } from './util/workerPool.js';
import type { Selection, Spec } from './types.js';
import { collectGarbage, withHeapGrowth } from './util/memory.js';
import { loadInputs, pdfRenderer, renderSelection, type BuildOptions, type Inputs, type Look } from './build.js';
import { select } from './select/index.js';
import { lastCompleteWeeks, parseWeek, reportNumber, sequenceNumber, weekOf, weeksBetween, type Week } from './spec/weeks.js';
import { formatDay, parseUtc } from './spec/period.js';
import { outputPath, writeAtomic } from './deliver/write.js';
import type { ShapedRun } from './render/pdfmake/fonts.js';
import { workerScript } from './paths.js';

/** Which weeks: one by label, those overlapping two dates, the last N complete ones, or (empty) the last complete one. */
export interface WeekRequest {
  week?: string;
  from?: string;
  to?: string;
  last?: number;
}

export interface WeekOutcome {
  week: string;
  status: 'built' | 'empty' | 'failed';
  file: string | null;
  reportNumber: string | null;
  events: number;
  error: unknown;
  /** Rendered in this thread because it was too big for a worker thread's memory. */
  outgrewWorker?: boolean;
}

export interface WeeklyOptions extends BuildOptions {
  /** The day the command runs (the clock, passed in): "last week" is the last complete week before it. */
  today: Date;
  request: WeekRequest;
  /** Called as each week starts and ends, for progress display. */
  onProgress?: (done: number, total: number, week: string) => void;
  /** Worker threads that render weeks beside this thread (default: one per core but one; 0: none). */
  workers?: number;
  /** Heap per worker thread, in MB (default 256): bounds the batch's memory; a bigger report renders in this thread. */
  workerHeapMb?: number;
  /** Called with each report written (to mail it); its failure marks the week failed, the PDF stays. */
  afterBuild?: (outcome: WeekOutcome, spec: Spec) => Promise<void>;
}

export function weeksRequested(request: WeekRequest, today: Date, spec: Spec): Week[] {
  const start = spec.weekly.weekStartsOn;
  const usage = (message: string) => new SitrepError({ code: 'UsageInvalid', message });
  const given = [request.week !== undefined, request.from !== undefined || request.to !== undefined, request.last !== undefined].filter(Boolean).length;
  if (given > 1) throw usage('give one of --week, --from/--to or --last');
  if (request.week !== undefined) {
    const week = parseWeek(request.week, start);
    if (!week) throw usage(`\`${request.week}\` is not a week (expected YYYY-Www, e.g. 2023-W47)`);
    return [week];
  }
  if (request.from !== undefined || request.to !== undefined) {
    const from = request.from ? parseUtc(request.from) : null;
    const to = request.to ? parseUtc(request.to) : null;
    if (!from || !to) throw usage('--from and --to take two dates as YYYY-MM-DD');
    if (from > to) throw usage(`--from ${request.from} is after --to ${request.to}`);
    const weeks = weeksBetween(from, to, start);
    if (weeks.length > 1000) throw usage(`${weeks.length} weeks is more than one run builds (at most 1000)`);
    return weeks;
  }
  const count = request.last ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw usage('--last takes a number of weeks from 1 to 1000');
  return lastCompleteWeeks(today, count, start);
}

/** The spec narrowed to one week: its period, its as-of time (the week's last day), its report number. */
export function weekSpec(spec: Spec, week: Week): Spec {
  const first = (spec.weekly.first ? parseWeek(spec.weekly.first, spec.weekly.weekStartsOn) : null) ?? firstWeekOf(spec);
  const n = sequenceNumber(first, week, spec.weekly.weekStartsOn);
  if (n < 1) {
    throw new SitrepError({
      code: 'UsageInvalid',
      message: `${week.week} is before the first weekly report (${first.week}); its number would be ${n}`,
      hint: 'Set `weekly: first:` in the spec to the week of report number 1.',
    });
  }
  // The spec's as-of time of day, on the week's last day.
  const time = spec.asOf.slice(10);
  return { ...spec, period: week, asOf: new Date(`${week.to}${time}`).toISOString(), reportNumber: reportNumber(spec.weekly.number, n, week) };
}

const firstWeekOf = (spec: Spec) => weekOf(parseUtc(spec.period.from)!, spec.weekly.weekStartsOn);

const eventsShown = (selection: Selection) => new Set(selection.sections.flatMap((s) => [...s.events, ...s.updated].map((e) => e.id))).size;

/** One week's report from what it shows: the PDF, and how many events it shows. */
export async function renderWeek(look: Look, selection: Selection, options: { sourceDateEpoch?: string }): Promise<{ pdf: Buffer; events: number }> {
  const { pdf } = await renderSelection(selection, look, options);
  return { pdf, events: eventsShown(selection) };
}

export async function buildWeekly(specFile: string, options: WeeklyOptions): Promise<WeekOutcome[]> {
  // The renderer (its worker threads) starts as soon as the template is read, while the corpus is still loading
  // (or, when the corpus is extracted by worker threads, once they are done).
  const started: { renderer?: WeekRenderer; weeks?: Week[] } = {};
  try {
    const inputs = await loadInputs(specFile, options, (spec, look) => {
      started.weeks = weeksRequested(options.request, options.today, spec);
      started.renderer = weekRenderer(look, options, started.weeks.length);
    });
    const weeks = started.weeks!;
    // This thread renders too, with no heap limit of its own: its heap is kept near what rendering uses (a year of
    // reports over 20,000 articles peaked at 525-550 MB without this, 384-418 MB with it).
    return await withHeapGrowth(RENDERING_HEAP_GROWTH, () => {
      // The corpus's reading left garbage behind (a hundred megabytes after extracting 20,000 articles): collected
      // before the rendering threads grow, it does not count at the batch's peak. Collected with the growth above,
      // this heap's next limit is set by it.
      collectGarbage();
      const { specs, rendered } = startWeeks(inputs, weeks, started.renderer!);
      return writeWeeks(inputs.spec.name, weeks, specs, rendered, options);
    });
  } finally {
    await started.renderer?.close();
  }
}

/** Every week started at once: whichever thread is free (a worker, or this one) takes the next. */
function startWeeks(inputs: Inputs, weeks: Week[], renderer: WeekRenderer) {
  // Selecting needs the whole extraction: it stays in this thread; workers get only what each week shows.
  const selectionOf = (spec: Spec) => select(spec, inputs.extraction, inputs.skipped, inputs.eventTypeLabels);
  const specs = weeks.map((week): { spec?: Spec; error?: unknown } => {
    try {
      return { spec: weekSpec(inputs.spec, week) };
    } catch (error) {
      return { error };
    }
  });
  const rendered = specs.map((s) => (s.spec ? renderer.render(() => selectionOf(s.spec!)) : Promise.reject(s.error)));
  rendered.forEach((p) => p.catch(() => undefined)); // awaited in order by writeWeeks; not unhandled meanwhile
  return { specs, rendered };
}

/** Each week's report written as it comes, in week order. A week that fails does not stop the others. */
async function writeWeeks(
  name: string,
  weeks: Week[],
  specs: { spec?: Spec }[],
  rendered: Promise<RenderedWeek>[],
  options: WeeklyOptions,
): Promise<WeekOutcome[]> {
  const outcomes: WeekOutcome[] = [];
  for (const [i, week] of weeks.entries()) {
    options.onProgress?.(i, weeks.length, week.week);
    const outcome: WeekOutcome = { week: week.week, status: 'failed', file: null, reportNumber: null, events: 0, error: null };
    try {
      const spec = specs[i]!.spec ?? null;
      outcome.reportNumber = spec?.reportNumber ?? null;
      const { pdf, events, outgrewWorker } = await rendered[i]!;
      outcome.events = events;
      if (outgrewWorker) outcome.outgrewWorker = true;
      outcome.file = outputPath(options.outDir, `${name}_${week.week}.pdf`);
      await writeAtomic(outcome.file, pdf);
      outcome.status = events === 0 ? 'empty' : 'built';
      await options.afterBuild?.(outcome, spec!);
    } catch (error) {
      outcome.status = 'failed';
      outcome.error = error;
    }
    outcomes.push(outcome);
  }
  options.onProgress?.(weeks.length, weeks.length, '');
  return outcomes;
}

interface RenderedWeek {
  pdf: Buffer;
  events: number;
  outgrewWorker?: boolean;
}

interface WeekRenderer {
  /** One week's report from its selection (made when the report's turn comes, in this thread). */
  render(selection: () => Selection): Promise<RenderedWeek>;
  close(): Promise<void>;
}

/**
 * Renders weeks in this thread, and beside it in worker threads when there are several weeks and cores to share
 * them (only when sitrep runs compiled: a worker loads dist/weeklyWorker.js). SITREP_WORKERS=0 turns workers off.
 */
function weekRenderer(look: Look, options: WeeklyOptions, weeks: number): WeekRenderer {
  // In this thread, one week at a time: started all at once, every week's report would be in memory together.
  // Words shaped by earlier runs come from the cache; the new ones are kept there once the batch is done (worker
  // threads read them too, but keep none: a year of reports shapes tens of thousands of words, too many for each).
  // They are read with the first report rendered here.
  let previous: Promise<unknown> | null = null;
  const inProcess: WeekRenderer = {
    render: (selection) => {
      previous ??= options.cacheDir ? pdfRenderer().then(({ loadShapedWords, fontFilesOf }) => loadShapedWords(options.cacheDir!, fontFilesOf(look.theme))) : Promise.resolve();
      const report = previous.then(() => renderWeek(look, selection(), options));
      previous = report.catch(() => undefined);
      return report;
    },
    close: async () => {
      if (previous && options.cacheDir) await (await pdfRenderer()).saveShapedWords();
    },
  };
  // One worker per core but this thread's, which renders beside them: its reports need no hand-over, and it would
  // otherwise only wait. A worker is given two weeks at a time, so that it starts the next while this thread, busy
  // with a report of its own, has yet to answer.
  const size = Math.min(options.workers ?? availableParallelism() - 1, weeks - 1, 8);
  if (!canUseWorkers || size < 1 || weeks < 3) return inProcess;
  const pool = workerPool<Selection, { pdf: Uint8Array; events: number; newWords: Record<string, Record<string, ShapedRun>> }>(
    workerScript('weeklyWorker'),
    size,
    // The template and theme only, whatever else `look` carries: a worker needs no more for any week.
    { inputs: { template: look.template, theme: look.theme } satisfies Look, sourceDateEpoch: options.sourceDateEpoch, cacheDir: options.cacheDir ?? null },
    { resourceLimits: workerMemory(options.workerHeapMb), jobsAhead: WEEKS_AHEAD },
  );
  // Words the workers shaped, by font file: kept in the cache once the batch is done.
  const newWords = new Map<string, Record<string, ShapedRun>>();
  const inWorker = async (selection: Selection): Promise<RenderedWeek> => {
    // A report too big for a worker's memory is rendered here instead, where the heap is the process's own.
    const rendered = await pool.run(selection).catch((error: unknown) => (outOfMemory(error) ? inProcess.render(() => selection).then((week) => ({ ...week, outgrewWorker: true })) : Promise.reject(error)));
    if ('outgrewWorker' in rendered) return rendered;
    for (const [file, words] of Object.entries(rendered.newWords)) newWords.set(file, Object.assign(newWords.get(file) ?? Object.create(null), words));
    return { pdf: Buffer.from(rendered.pdf), events: rendered.events };
  };
  // Weeks are taken in order by whichever is free: a worker (each holds WEEKS_AHEAD), or this thread. A week's
  // selection is made when its turn comes.
  const render = sharedWithThisThread(size * WEEKS_AHEAD, inWorker, (selection: Selection) => inProcess.render(() => selection));
  return {
    render,
    close: async () => {
      await pool.close();
      await inProcess.close();
      if (options.cacheDir && newWords.size > 0) await (await import('./cache/shapes.js')).keepShapedWords(options.cacheDir, newWords);
    },
  };
}

/** Weeks a worker is given at once. */
const WEEKS_AHEAD = 2;
/** How much more than is live a heap may grow to while reports are rendered, in percent. */
const RENDERING_HEAP_GROWTH = 60;

export const todayUtc = (value: string | undefined, now: Date): Date => (value ? (parseUtc(value) ?? invalidToday(value)) : parseUtc(formatDay(now))!);

function invalidToday(value: string): never {
  throw new SitrepError({ code: 'UsageInvalid', message: `--today \`${value}\` is not a date (expected YYYY-MM-DD)` });
}

/**
 * A worker's memory: a small young generation and a bounded old one keep two workers and the corpus under half a
 * gigabyte over 20,000 articles (unbounded, V8 let the batch grow past a gigabyte of garbage). A 16 MB young
 * generation rather than 32 MB: 32 is about 7% faster over 52 weeks (three alternated pairs: 24.3-27.1 s ->
 * 22.3-25.6 s), but with the cache empty it peaked at 504-516 MB against 484-486.
 */
function workerMemory(heapMb = 256) {
  return { maxYoungGenerationSizeMb: Math.min(16, Math.max(4, Math.floor(heapMb / 16))), maxOldGenerationSizeMb: heapMb };
}
