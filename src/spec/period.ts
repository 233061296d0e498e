// Periods and report times: ISO weeks, date ranges, the as-of time. All in UTC, so the host's zone never matters.
import { utc } from '../util/utc.js';
// date-fns by function: its index loads every one of its functions (about 0.2 s at startup).
import { endOfISOWeek } from 'date-fns/endOfISOWeek';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { parseISO } from 'date-fns/parseISO';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import type { IsoDate, Period } from '../types.js';

const inUtc = { in: utc };

export function isoWeekPeriod(week: string): Period | null {
  const start = parse(week, "RRRR-'W'II", new Date(0), inUtc);
  if (!isValid(start) || format(start, "RRRR-'W'II", inUtc) !== week) return null;
  return { from: formatDay(startOfISOWeek(start, inUtc)), to: formatDay(endOfISOWeek(start, inUtc)), week };
}

/** Parses YYYY-MM-DD or a date-time as UTC; null when it is not a real date (2023-02-30). */
export function parseUtc(value: string): Date | null {
  const date = parseISO(value, inUtc);
  if (!isValid(date)) return null;
  const hasOffset = /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(value);
  if (!hasOffset && formatDay(date) !== value.slice(0, 10)) return null;
  return date;
}

export function formatDay(date: Date): IsoDate {
  return format(date, 'yyyy-MM-dd', inUtc);
}

export function formatUtc(date: Date, pattern: string): string {
  return format(date, pattern, inUtc);
}

/** The military date-time group, e.g. 221200ZNOV23. */
export function dateTimeGroup(date: Date): string {
  return format(date, "ddHHmm'Z'MMMyy", inUtc).toUpperCase();
}
