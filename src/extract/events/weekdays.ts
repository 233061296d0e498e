// The commonest date in news copy, a weekday ("killed on Tuesday"), read without chrono: calling chrono costs
// more than the rest of a sentence's rules together. Only a sentence whose every date word is a plain weekday
// takes this path, and it gives what chrono's weekday parser gives (the same span, the same day; a test compares
// the two on every sentence of the test corpora). Anything else chrono could read, or merge with the weekday
// (a month, a clock time, "morning", "three days after", "Friday to Sunday"), goes to chrono.

/** A date read from a sentence: where it starts, its words, and its day. */
export interface CalendarDate {
  index: number;
  text: string;
  year: number;
  month: number;
  day: number;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
// chrono's weekday pattern (ENWeekdayParser) behind its word-boundary check, for full weekday names.
const WEEKDAY = new RegExp(`(\\W|^)((?:(?:\\,|\\(|\\（)\\s*)?(?:on\\s*?)?(?:(this|last|past|next)\\s*)?(${WEEKDAYS.join('|')})(?:\\s*(?:\\,|\\)|\\）))?(?:\\s*(?:of\\s*)?(this|last|past|next)\\s*week)?)(?=\\W|$)`, 'i');
// What else chrono's date parsers read, or would merge with a weekday: such sentences go to chrono.
const OTHER_DATE_WORDS =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|weekend|weekday|today|tonight|tomorrow|tmrw?|yesterday|now|overmorrow|morning|afternoon|evening|night|midnight|midday|noon|quarters?|seconds?|minutes?|hours?|days?|weeks?|months?|years?|mins?|hrs?|mos|qtr|hr|mo|yr|secs?)\b|\d\s*[smhdwy]\b|\d\s*[/.:\-–]\s*\d|\d{4}\s+\d|\d{1,2}(?:st|nd|rd|th)\b/i;
const RANGE = /^\s*(?:to|-|–|until|through|till)\s*$/i;

/** The weekdays of a sentence as chrono reads them, or null when the sentence needs chrono. */
export function weekdayDates(sentence: string, published: string): CalendarDate[] | null {
  if (OTHER_DATE_WORDS.test(sentence)) return null;
  const found: CalendarDate[] = [];
  const reference = new Date(publicationNoon(published));
  // chrono's loop: each search starts where the last result ended, on the rest of the text.
  let offset = 0;
  for (let match = WEEKDAY.exec(sentence); match; ) {
    const index = offset + match.index + match[1]!.length;
    const text = match[2]!;
    const previous = found[found.length - 1];
    // "Friday to Sunday" is one range to chrono.
    if (previous && RANGE.test(sentence.slice(previous.index + previous.text.length, index))) return null;
    const day = new Date(reference.getTime() + daysTo(reference.getUTCDay(), WEEKDAYS.indexOf(match[4]!.toLowerCase()), (match[3] ?? match[5] ?? '').toLowerCase()) * 86_400_000);
    found.push({ index, text, year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() });
    offset = index + text.length;
    match = WEEKDAY.exec(sentence.slice(offset));
  }
  return found;
}

// Every sentence of an article asks for the same day: the last one asked is kept.
let lastPublished = '';
let lastNoon = NaN;
/** Noon (UTC, in ms) of the publication day, which weekdays and months are read relative to. */
export function publicationNoon(published: string): number {
  if (published !== lastPublished) [lastPublished, lastNoon] = [published, Date.parse(`${published}T12:00:00Z`)];
  return lastNoon;
}

/** chrono's getDaysToWeekday: "last", "this", "next" or (none) the closest such weekday. */
function daysTo(from: number, weekday: number, modifier: string): number {
  const forward = (weekday - from + 7) % 7;
  const backward = forward === 0 ? -7 : forward - 7;
  if (modifier === 'last' || modifier === 'past') return backward;
  if (modifier === 'this') return forward;
  if (modifier === 'next') {
    if (from === 0) return weekday === 0 ? 7 : weekday;
    if (from === 6) return weekday === 6 ? 7 : weekday === 0 ? 8 : 1 + weekday;
    return weekday < from && weekday !== 0 ? forward : forward + 7;
  }
  return forward < -backward ? forward : backward;
}
