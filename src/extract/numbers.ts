// Counts as news copy writes them: digits, number words, and vague quantities ("several", "dozens").

const WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, a: 1, an: 1,
  dozen: 12, 'a dozen': 12,
};

/** Words for a count that give no number. */
export const VAGUE = ['several', 'some', 'a number of', 'dozens of', 'dozens', 'scores of', 'hundreds of', 'many', 'a few', 'few', 'multiple', 'numerous'];

/** A count pattern source: digits (with thousands separators), number words, or a vague quantity. */
export const COUNT = `(\\d{1,3}(?:,\\d{3})+|\\d+|${Object.keys(WORDS).filter((w) => w.length > 2).join('|')}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|${VAGUE.map((v) => v.replace(/ /g, '\\s+')).join('|')})`;

/**
 * Where a count written first may begin (patterns with the `u` flag): at the start of a word, not inside one ("often",
 * "someone", "moreover" hold "ten", "one", "over"), and not as "no one", which counts nobody.
 */
export const COUNT_START = '(?<![\\p{L}\\d])(?<!\\bno\\s+)';

export const QUALIFIER = `(at\\s+least|as\\s+many\\s+as|more\\s+than|up\\s+to|about|around|nearly|almost|over|some|roughly|approximately)`;

/** The number a count stands for, or null for a vague one ("several"). */
export function countValue(text: string): number | null {
  const word = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^\d/.test(word)) return Number(word.replace(/,/g, ''));
  if (word in WORDS) return WORDS[word]!;
  const compound = /^(\w+)-(\w+)$/.exec(word);
  if (compound && compound[1]! in WORDS && compound[2]! in WORDS) return WORDS[compound[1]!]! + WORDS[compound[2]!]!;
  return null;
}
