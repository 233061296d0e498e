// matchesOf: String#matchAll's matches, without its copy of the pattern.
import { describe, expect, it } from 'vitest';
import { matchesOf } from '../src/util/matches.js';

const plain = (matches: RegExpMatchArray[]) => matches.map((m) => ({ text: m[0], index: m.index, groups: [...m] }));

describe('matchesOf', () => {
  it('gives the matches matchAll gives, empty ones and astral characters included, and leaves the pattern reset', () => {
    const cases: [RegExp, string][] = [
      [/(\d+) (killed|wounded)/g, '5 killed and 8 wounded, then 2 killed'],
      [/\b/g, 'a bc'],
      [/x*/gu, '😀x😀'],
      [/(?<word>\p{L}+)/gu, 'Ṭal Afar — كتائب'],
      [/nothing/g, 'no match here'],
    ];
    for (const [pattern, text] of cases) {
      expect(plain(matchesOf(pattern, text))).toEqual(plain([...text.matchAll(pattern)]));
      expect(pattern.lastIndex).toBe(0);
    }
  });

  it('is safe to nest on the same pattern, and refuses a pattern that is not global', () => {
    const word = /\w+/g;
    const pairs = matchesOf(word, 'a b').flatMap((outer) => matchesOf(word, 'x y').map((inner) => outer[0] + inner[0]));
    expect(pairs).toEqual(['ax', 'ay', 'bx', 'by']);
    expect(() => matchesOf(/\w+/, 'a')).toThrow(/global/);
  });
});
