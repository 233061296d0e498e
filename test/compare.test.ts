// compareText and englishNumber: the same answers as localeCompare and toLocaleString with an English locale.
import { describe, expect, it } from 'vitest';
import { compareText, englishNumber } from '../src/util/compare.js';

describe('English order and numbers', () => {
  it('orders text as localeCompare(b, "en") does, accents, case and digits included', () => {
    const words = ['zebra', 'Äpfel', 'apple', 'Apple', 'éclair', 'eclair', 'al-Asad', 'Al Asad', '10 km', '9 km', 'Ṭal Afar', 'كتائب', '', ' '];
    for (const a of words) for (const b of words) expect(Math.sign(compareText(a, b)), `${a} / ${b}`).toBe(Math.sign(a.localeCompare(b, 'en')));
  });

  it('writes numbers as toLocaleString("en-US") does', () => {
    const numbers = [0, -0, 7, 2500, 66, 999, 1000, 123_456, 1_500_000_000, -1, -999, -1000, -3200, -1_234_567, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    for (const n of [...numbers, 2 ** 60, 1e21, 1.5, 0.125, 1234.5678, -0.5, NaN, Infinity]) expect(englishNumber(n), String(n)).toBe(n.toLocaleString('en-US'));
  });
});
