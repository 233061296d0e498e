// Weeks for weekly reports: which weeks a request names, their dates, labels and sequence numbers. Pure; UTC.
// With weeks starting on Monday the labels are ISO weeks (2023-W47); another start day numbers weeks the same way
// (week 1 holds the year's 4 January), counted from that day.
import { utc } from '../util/utc.js';
import { addDays } from 'date-fns/addDays';
import { addWeeks } from 'date-fns/addWeeks';
import { differenceInCalendarWeeks } from 'date-fns/differenceInCalendarWeeks';
import { endOfWeek } from 'date-fns/endOfWeek';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { startOfWeek } from 'date-fns/startOfWeek';
import type { Day } from 'date-fns';
import type { Period, Weekday } from '../types.js';
import { formatDay, parseUtc } from './period.js';

const DAYS: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const options = (weekStartsOn: Weekday) => ({
  in: utc,
  weekStartsOn: DAYS.indexOf(weekStartsOn) as Day,
  firstWeekContainsDate: 4 as const,
  useAdditionalWeekYearTokens: true,
});

export interface Week extends Period {
  week: string;
}

/** The week a day falls in. */
export function weekOf(date: Date, weekStartsOn: Weekday = 'monday'): Week {
  const o = options(weekStartsOn);
  const start = startOfWeek(date, o);
  return { from: formatDay(start), to: formatDay(endOfWeek(date, o)), week: format(start, "YYYY-'W'ww", o) };
}

/** A week from its label (2023-W47); null when that year has no such week. */
export function parseWeek(label: string, weekStartsOn: Weekday = 'monday'): Week | null {
  const o = options(weekStartsOn);
  const start = parse(label, "YYYY-'W'ww", new Date(0), o);
  if (!isValid(start)) return null;
  const week = weekOf(start, weekStartsOn);
  return week.week === label ? week : null;
}

/** Every week that overlaps the days from `from` to `to`, in order. */
export function weeksBetween(from: Date, to: Date, weekStartsOn: Weekday = 'monday'): Week[] {
  const weeks: Week[] = [];
  for (let day = startOfWeek(from, options(weekStartsOn)); day <= to; day = addWeeks(day, 1, { in: utc })) weeks.push(weekOf(day, weekStartsOn));
  return weeks;
}

/** The last `count` complete weeks before the week of `today`, oldest first. */
export function lastCompleteWeeks(today: Date, count: number, weekStartsOn: Weekday = 'monday'): Week[] {
  const thisWeek = startOfWeek(today, options(weekStartsOn));
  return weeksBetween(addWeeks(thisWeek, -count, { in: utc }), addDays(thisWeek, -1, { in: utc }), weekStartsOn);
}

/** Report number `n` of a week: 1 for the first week, counting on by one a week. */
export function sequenceNumber(first: Week, week: Week, weekStartsOn: Weekday = 'monday'): number {
  return differenceInCalendarWeeks(parseUtc(week.from)!, parseUtc(first.from)!, options(weekStartsOn)) + 1;
}

/** `SR-{n}` -> SR-126; `{n:3}` pads to three digits; `{week}` is the week's label. */
export function reportNumber(pattern: string, n: number, week: Week): string {
  return pattern.replace(/\{n(?::(\d))?\}/g, (_, width: string | undefined) => String(n).padStart(Number(width ?? 0), '0')).replace(/\{week\}/g, week.week);
}
