// Killed and injured counts in a sentence, with qualifiers ("at least", "several") and who claimed them.
import type { Casualty } from '../../types.js';
import { COUNT, COUNT_START, QUALIFIER, countValue } from '../numbers.js';
import { matchesOf } from '../../util/matches.js';

type Kind = Casualty['kind'];

const KILLED = 'killed|dead|died|slain|fatalities|deaths|lives';
const INJURED = 'injured|wounded|hurt|injuries|wounds';
const KILLED_WORD = new RegExp(`^(?:${KILLED})$`, 'i');
const kindOf = (word: string): Kind => (KILLED_WORD.test(word) ? 'killed' : 'injured');

// Each pattern with a word it cannot match without (tested first: most sentences lack it, and the test is cheap).
const PATTERNS: { pattern: RegExp; needs: RegExp }[] = [
  // "killing several of them", "killed at least 12 civilians and wounded 30 others"
  {
    pattern: new RegExp(`\\b(killing|wounding|injuring|killed|wounded|injured)\\s+(?:${QUALIFIER}\\s+)?${COUNT}\\b(?!\\s*(?:%|percent|km|kilomet|miles|hours|days))`, 'giu'),
    needs: /\b(?:killing|wounding|injuring|killed|wounded|injured)\s/iu,
  },
  // "at least five of its members were killed", "four militiamen were killed", "12 people dead"
  {
    pattern: new RegExp(`${COUNT_START}(?:${QUALIFIER}\\s+)?${COUNT}\\s+(?:of\\s+(?:its|their|the|them)\\s+)?(?:(?!and\\b|or\\b)[\\p{L}-]+\\s+){0,3}?(?:(?:were|was|have\\s+been|had\\s+been|are|being|had)\\s+)?(${KILLED}|${INJURED})\\b`, 'giu'),
    needs: new RegExp(`\\s(?:${KILLED}|${INJURED})\\b`, 'iu'),
  },
  // "several soldiers undergoing evaluation for traumatic brain injuries"
  {
    pattern: new RegExp(`${COUNT_START}(?:${QUALIFIER}\\s+)?${COUNT}\\s+(?:(?!and\\b)[\\p{L}-]+\\s+){2,6}?(injuries)\\b`, 'giu'),
    needs: /\sinjuries\b/iu,
  },
];

export interface FoundCasualty {
  kind: Kind;
  count: number | null;
  qualifier: string | null;
  text: string;
}

// Every pattern ends on one of these words: most sentences have none and need no closer look.
const CASUALTY_WORD = /kill|wound|injur|dead|died|slain|fatalit|death|lives|hurt/i;

/** findCasualties, remembering its answers: events and key figures of one article ask it of the same sentences. */
export function casualtyFinder(): (sentence: string) => FoundCasualty[] {
  const answers = new Map<string, FoundCasualty[]>();
  return (sentence) => {
    let found = answers.get(sentence);
    if (!found) answers.set(sentence, (found = findCasualties(sentence)));
    return found;
  };
}

export function findCasualties(sentence: string): FoundCasualty[] {
  const found: FoundCasualty[] = [];
  if (!CASUALTY_WORD.test(sentence)) return found;
  const taken: [number, number][] = [];
  for (const { pattern, needs } of PATTERNS) {
    if (!needs.test(sentence)) continue;
    for (const match of matchesOf(pattern, sentence)) {
      const start = match.index!;
      const end = start + match[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      const groups = match.slice(1);
      const isVerbFirst = /^(killing|wounding|injuring|killed|wounded|injured)$/i.test(groups[0] ?? '');
      const [qualifier, count, word] = isVerbFirst ? [groups[1], groups[2], groups[0]!] : [groups[0], groups[1], groups[2]!];
      if (!count || /^(?:a|an|one)$/i.test(count) && /injuries|fatalities|deaths|lives/i.test(word)) continue;
      if (/^\d{4}$/.test(count)) continue; // a year, not a count
      const kind = isVerbFirst ? (/^kill/i.test(word) ? 'killed' : 'injured') : kindOf(word.toLowerCase());
      const vague = countValue(count) === null;
      found.push({ kind, count: countValue(count), qualifier: qualifier?.toLowerCase().replace(/\s+/g, ' ') ?? (vague ? count.toLowerCase().replace(/\s+of$/, '') : null), text: match[0] });
      taken.push([start, end]);
    }
  }
  return found;
}
