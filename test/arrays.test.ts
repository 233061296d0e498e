import { describe, expect, it } from 'vitest';
import { flatOf, packedMap } from '../src/util/arrays.js';

describe('flatOf', () => {
  it('joins what it picks from each item, in order, as flatMap does', () => {
    const items = [{ xs: [1, 2] }, { xs: [] }, { xs: [3] }, { xs: [[4]] as unknown as number[] }];
    expect(flatOf(items, (i) => i.xs)).toEqual(items.flatMap((i) => i.xs));
    expect(flatOf([], (i: { xs: number[] }) => i.xs)).toEqual([]);
  });
});

describe('packedMap', () => {
  it('gives what map gives, each item with its index, in order', () => {
    const words = ['Jurf', 'al-Sakhar', '', 'Sakhar'];
    expect(packedMap(words, (w, i) => `${i}:${w.toLowerCase()}`)).toEqual(words.map((w, i) => `${i}:${w.toLowerCase()}`));
    expect(packedMap([], (w: string) => w)).toEqual([]);
    // An undefined answer is kept, as map keeps it (the array has no holes either way).
    const answers = packedMap([1, 2], (n) => (n === 1 ? undefined : n));
    expect(answers).toEqual([undefined, 2]);
    expect(0 in answers).toBe(true);
  });
});
