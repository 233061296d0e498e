// Date expressions in a sentence -> a date or date range with its precision, relative to the article's date.
import * as chrono from 'chrono-node';
import { utc } from '../../util/utc.js';
import { addDays } from 'date-fns/addDays';
import { endOfMonth } from 'date-fns/endOfMonth';
import { endOfYear } from 'date-fns/endOfYear';
import { parseISO } from 'date-fns/parseISO';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfYear } from 'date-fns/startOfYear';
import { subDays } from 'date-fns/subDays';
import { subMonths } from 'date-fns/subMonths';
import { subYears } from 'date-fns/subYears';
import type { DatePrecision, IsoDate } from '../../types.js';
import { publicationNoon, weekdayDates, type CalendarDate } from './weekdays.js';

export interface ResolvedDate {
  date: IsoDate;
  dateEnd: IsoDate;
  precision: DatePrecision;
  /** The words the date was read from ("on Wednesday morning"). */
  text: string;
}

const inUtc = { in: utc };

/**
 * chrono's casual English with only the parsers that read a day, a month or a weekday (and the "10 days after" and
 * "morning" forms, so they are not misread as dates). The clock-time and duration parsers are most of chrono's
 * cost and give nothing here: a report dates events by the day. Same results on every test article.
 */
const DATE_PARSERS = new Set([
  'ISOFormatParser', 'ENYearMonthDayParser', 'SlashDateFormatParser', 'ENMonthNameLittleEndianParser', 'ENMonthNameMiddleEndianParser',
  'ENMonthNameParser', 'ENYearMonthNameParser', 'ENWeekdayParser', 'ENCasualDateParser', 'ENCasualTimeParser', 'ENTimeUnitLaterFormatParser',
]);
let dateParser: chrono.Chrono | undefined;
function calendarParser(): chrono.Chrono {
  if (!dateParser) {
    const casual = chrono.en.configuration.createCasualConfiguration(false);
    const parsers = casual.parsers.filter((p) => DATE_PARSERS.has(p.constructor.name));
    // Parsers are known by class name only; should a chrono release rename one, the full set is used.
    dateParser = parsers.length === DATE_PARSERS.size ? new chrono.Chrono({ parsers, refiners: casual.refiners }) : chrono.casual;
  }
  return dateParser;
}
// Dates here are UTC midnights: the day is their UTC date (format() is ten times slower, toISOString twice).
function day(d: Date): IsoDate {
  const year = d.getUTCFullYear();
  if (year < 1000 || year > 9999) return d.toISOString().slice(0, 10);
  const month = d.getUTCMonth() + 1;
  const date = d.getUTCDate();
  return `${year}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}`;
}
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, 'twenty-four': 24, 'forty-eight': 48 };
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const PART_OF_MONTH = new RegExp(`\\b(early|mid|late)[-\\s](${MONTHS})\\b`, 'i');
const RELATIVE = /\b(?:about |some |nearly |roughly )?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty-four|forty-eight) (hours?|days?|weeks?) (earlier|later|ago)\b/i;
const CALENDAR_WORDS = new RegExp(`\\b(?:${MONTHS}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|this (?:morning|afternoon|evening))\\b|\\d{1,4}[/-]\\d{1,2}`, 'i');
const REPORTED = /\b(?:said|says|told\s+[\p{L}\s.]{1,30}?|claimed(?:\s+responsibility)?|announced|confirmed|reported|statement(?:\s+(?:posted|released|issued))?(?:\s+(?:on|to)\s+[\p{L}\s]{1,25}?)?)\s+(?:late\s+|early\s+)?(?:on\s+)?$/iu;
// "Immediately following the attack": the same day as the event just told of.
const RIGHT_AFTER = /\b(?:immediately|shortly|soon|moments|minutes) (?:after|following)\b/i;
const BOUNDING = /\b(?:since|until|till|by|before|after)\s+(?:the\s+)?$/i;
// A word every pattern of findRelative needs (RELATIVE, PERIOD_WORDS, RIGHT_AFTER, PART_OF_MONTH): keep in step.
const RELATIVE_HINT = /\b(?:hours?|days?|weeks?|overnight|night|today|this|last|immediately|shortly|soon|moments|minutes|early|mid|late)\b/i;
const PERIOD_WORDS: [RegExp, (ref: Date) => [Date, Date, DatePrecision]][] = [
  [/\bovernight\b|\blast night\b|\bearlier today\b|\bthis morning\b/i, (ref) => [ref, ref, 'day']],
  [/\bearlier this week\b|\bthis week\b/i, (ref) => [subDays(ref, 6, inUtc), ref, 'week']],
  [/\blast week\b/i, (ref) => [subDays(ref, 13, inUtc), subDays(ref, 7, inUtc), 'week']],
  [/\bearlier this month\b|\bthis month\b/i, (ref) => [startOfMonth(ref, inUtc), ref, 'month']],
  [/\blast month\b/i, (ref) => [startOfMonth(subMonths(ref, 1, inUtc), inUtc), endOfMonth(subMonths(ref, 1, inUtc), inUtc), 'month']],
  [/\bearlier this year\b|\bthis year\b/i, (ref) => [startOfYear(ref, inUtc), ref, 'year']],
  [/\blast year\b/i, (ref) => [startOfYear(subYears(ref, 1, inUtc), inUtc), endOfYear(subYears(ref, 1, inUtc), inUtc), 'year']],
];

/**
 * The first date the sentence gives for what happened. `published` anchors weekdays and months; `anchor` (the
 * date of the event mentioned just before) anchors "24 hours earlier", and is asked for only then. Dates after
 * `published` are moved back: reports tell of the past. Dates that bound a count ("since October 17") are not
 * when something happened.
 */
export function resolveDate(sentence: string, published: IsoDate, anchor: () => IsoDate | null): ResolvedDate | null {
  const ref = referenceDate(published);
  const found: { index: number; resolved: ResolvedDate }[] = [];

  // The relative dates below all need one of these words; most sentences have none and skip them.
  if (RELATIVE_HINT.test(sentence)) findRelative(sentence, published, anchor, ref, found);
  const results = CALENDAR_WORDS.test(sentence) ? (weekdayDates(sentence, published) ?? chronoDates(sentence, published)) : [];
  for (const result of results) {
    if (BOUNDING.test(sentence.slice(0, result.index))) continue;
    // "said on Monday", "claimed responsibility on Tuesday": when it was reported, not when it happened.
    if (REPORTED.test(sentence.slice(Math.max(0, result.index - 60), result.index))) continue;
    if (/\b(?:days?|hours?|weeks?)\s+(?:after|before|later|earlier|ago)\b/i.test(result.text)) continue;
    if (!CALENDAR_WORDS.test(result.text)) continue; // "three months" is a duration, not a date
    if (found.some((f) => result.index >= f.index && result.index < f.index + f.resolved.text.length)) continue;
    found.push({ index: result.index, resolved: fromCalendar(result, ref) });
  }
  found.sort((a, b) => a.index - b.index);
  return found[0]?.resolved ?? null;
}

/** The seven days that end on the publication day (its noon is read once per article, weekdays.ts). */
export function weekBefore(published: IsoDate): [IsoDate, IsoDate] {
  return [day(new Date(publicationNoon(published) - 43_200_000 - 6 * 86_400_000)), published];
}

/** Dates relative to the publication day or to the anchor: "24 hours earlier", "last week", "in mid-March". */
function findRelative(sentence: string, published: IsoDate, anchor: () => IsoDate | null, ref: Date, found: { index: number; resolved: ResolvedDate }[]): void {
  const relative = RELATIVE.exec(sentence);
  if (relative && !/\bsince\b[^,.;]{0,30}$/i.test(sentence.slice(0, relative.index))) {
    const base = parseISO(relative[3]!.toLowerCase() === 'ago' ? published : anchor() ?? published, inUtc);
    const n = Number(relative[1]) || NUMBER_WORDS[relative[1]!.toLowerCase()] || 1;
    const days = /hour/i.test(relative[2]!) ? Math.round(n / 24) : /week/i.test(relative[2]!) ? n * 7 : n;
    const date = day(addDays(base, /later/i.test(relative[3]!) ? days : -days, inUtc));
    found.push({ index: relative.index, resolved: { date, dateEnd: date, precision: 'day', text: relative[0] } });
  }
  for (const [pattern, range] of PERIOD_WORDS) {
    const match = pattern.exec(sentence);
    if (!match) continue;
    const [from, to, precision] = range(ref);
    found.push({ index: match.index, resolved: { date: day(from), dateEnd: day(to), precision, text: match[0] } });
  }
  const right = RIGHT_AFTER.exec(sentence);
  const rightAfter = right ? anchor() : null;
  if (right && rightAfter) found.push({ index: right.index, resolved: { date: rightAfter, dateEnd: rightAfter, precision: 'day', text: right[0] } });
  const partOfMonth = PART_OF_MONTH.exec(sentence);
  if (partOfMonth) found.push({ index: partOfMonth.index, resolved: monthOf(partOfMonth[2]!, ref, partOfMonth[0]) });
}

/** The publication day (its UTC midnight): the last one asked for is kept, as an article asks for its own again and again. */
let lastReference: { published: IsoDate; date: Date } | null = null;
function referenceDate(published: IsoDate): Date {
  if (lastReference?.published !== published) lastReference = { published, date: new Date(publicationNoon(published) - 43_200_000) };
  return lastReference.date;
}

// chrono's certainty flags are unreliable for phrases like "the morning of November 22"; the words decide.
const DAY_WORDS = new RegExp(`\\b(?:(?:${MONTHS}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.?\\s+\\d{1,2}\\b|\\d{1,2}\\s+(?:${MONTHS})|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|this (?:morning|afternoon|evening))|\\d{1,4}[/-]\\d{1,2}[/-]\\d{1,4}`, 'i');

/** The dates chrono reads in a sentence, relative to noon UTC of the publication day. */
export function chronoDates(sentence: string, published: IsoDate): CalendarDate[] {
  return calendarParser()
    .parse(sentence, { instant: new Date(`${published}T12:00:00Z`), timezone: 0 }, { forwardDate: false })
    .map((r) => ({ index: r.index, text: r.text, year: r.start.get('year')!, month: r.start.get('month')!, day: r.start.get('day')! }));
}

const MONTH_WORD = new RegExp(`\\b(?:${MONTHS}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\b`, 'i');

function fromCalendar(result: CalendarDate, ref: Date): ResolvedDate {
  let date = new Date(Date.UTC(result.year, result.month - 1, result.day));
  const yearWritten = /\b\d{4}\b/.test(result.text);
  if (!DAY_WORDS.test(result.text)) {
    // "in February": a month, in the latest year that does not lie after the report.
    let month = startOfMonth(date, inUtc);
    if (!yearWritten && month > ref) month = subYears(month, 1, inUtc);
    return { date: day(month), dateEnd: day(endOfMonth(month, inUtc)), precision: 'month', text: result.text };
  }
  const weekdayOnly = !MONTH_WORD.test(result.text);
  if (date > ref && !yearWritten) date = weekdayOnly ? subDays(date, 7, inUtc) : subYears(date, 1, inUtc);
  return { date: day(date), dateEnd: day(date), precision: 'day', text: result.text };
}

function monthOf(monthName: string, ref: Date, text: string): ResolvedDate {
  const index = MONTHS.split('|').indexOf(monthName.toLowerCase());
  let month = new Date(Date.UTC(ref.getUTCFullYear(), index, 1));
  if (month > ref) month = subYears(month, 1, inUtc);
  return { date: day(month), dateEnd: day(endOfMonth(month, inUtc)), precision: 'month', text };
}
