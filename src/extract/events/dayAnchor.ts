// The day an article last gave, as it is read sentence by sentence: relative dates ("24 hours earlier") count from
// it, and an undated report is dated by it. Sentences that report no event matter only for this day, and most of
// them never do: they are read only when the day is asked for, the latest first, and those before the latest one
// that gives a day are never read at all. Same day as reading every sentence in turn.
import type { IsoDate } from '../../types.js';
import type { ResolvedDate } from './dates.js';

/** Reads a text's date; `anchor` gives the day before it, and is called only when the text's date depends on it. */
export type ReadDate = (text: string, anchor: () => IsoDate | null) => ResolvedDate | null;

export interface DayAnchor {
  /** The day as of the text added or read last. */
  current(): IsoDate | null;
  /** A sentence whose date matters only for the day: read later, if ever. */
  defer(sentence: string): void;
  /** Reads a text now (a sentence that reports an event): it dates the event, and a day it gives is the new day. */
  read(text: string): ResolvedDate | null;
}

export function dayAnchor(readDate: ReadDate): DayAnchor {
  let day: IsoDate | null = null;
  let unread: string[] = [];

  const current = (): IsoDate | null => {
    if (unread.length === 0) return day;
    const sentences = unread;
    unread = [];
    for (let i = sentences.length - 1; i >= 0; i--) {
      let dependsOnEarlier = false;
      const resolved = readDate(sentences[i]!, () => {
        dependsOnEarlier = true;
        return null;
      });
      // "A day later": this sentence's date counts from the ones before it, which are then read in turn.
      if (dependsOnEarlier) return (day = inTurn(sentences, i));
      if (resolved?.precision === 'day') return (day = resolved.date);
    }
    return day;
  };

  /** The day after reading sentences[0..last] in order, from the current day. */
  const inTurn = (sentences: string[], last: number): IsoDate | null => {
    let anchor = day;
    for (let i = 0; i <= last; i++) {
      const resolved = readDate(sentences[i]!, () => anchor);
      if (resolved?.precision === 'day') anchor = resolved.date;
    }
    return anchor;
  };

  return {
    current,
    defer(sentence) {
      unread.push(sentence);
    },
    read(text) {
      const resolved = readDate(text, current);
      if (resolved?.precision === 'day') {
        day = resolved.date;
        unread = [];
      }
      return resolved;
    },
  };
}
