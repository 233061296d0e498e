// `sitrep weekly`: one report per week, numbered in sequence. A week that fails does not stop the others.
import { SitrepError } from './errors.js';
import type { Spec } from './types.js';
import { loadInputs, renderInputs, type BuildOptions, type Inputs } from './build.js';
import { lastCompleteWeeks, parseWeek, reportNumber, sequenceNumber, weekOf, weeksBetween, type Week } from './spec/weeks.js';
import { formatDay, parseUtc } from './spec/period.js';
import { outputPath, writeAtomic } from './deliver/write.js';

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
}

export interface WeeklyOptions extends BuildOptions {
  /** The day the command runs (the clock, passed in): "last week" is the last complete week before it. */
  today: Date;
  request: WeekRequest;
  /** Called as each week starts and ends, for progress display. */
  onProgress?: (done: number, total: number, week: string) => void;
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

export async function buildWeekly(specFile: string, options: WeeklyOptions): Promise<WeekOutcome[]> {
  const inputs: Inputs = await loadInputs(specFile, options);
  const weeks = weeksRequested(options.request, options.today, inputs.spec);
  const outcomes: WeekOutcome[] = [];
  for (const [i, week] of weeks.entries()) {
    options.onProgress?.(i, weeks.length, week.week);
    const outcome: WeekOutcome = { week: week.week, status: 'failed', file: null, reportNumber: null, events: 0, error: null };
    try {
      const spec = weekSpec(inputs.spec, week);
      outcome.reportNumber = spec.reportNumber;
      const { selection, pdf } = await renderInputs(inputs, spec, options);
      outcome.events = new Set(selection.sections.flatMap((s) => [...s.events, ...s.updated].map((e) => e.id))).size;
      outcome.file = outputPath(options.outDir, `${spec.name}_${week.week}.pdf`);
      await writeAtomic(outcome.file, pdf);
      outcome.status = outcome.events === 0 ? 'empty' : 'built';
      await options.afterBuild?.(outcome, spec);
    } catch (error) {
      outcome.status = 'failed';
      outcome.error = error;
    }
    outcomes.push(outcome);
  }
  options.onProgress?.(weeks.length, weeks.length, '');
  return outcomes;
}

export const todayUtc = (value: string | undefined, now: Date): Date => (value ? (parseUtc(value) ?? invalidToday(value)) : parseUtc(formatDay(now))!);

function invalidToday(value: string): never {
  throw new SitrepError({ code: 'UsageInvalid', message: `--today \`${value}\` is not a date (expected YYYY-MM-DD)` });
}
