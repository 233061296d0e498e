import { describe, expect, it } from 'vitest';
import { flatOf } from '../src/util/arrays.js';

describe('flatOf', () => {
  it('joins what it picks from each item, in order, as flatMap does', () => {
    const items = [{ xs: [1, 2] }, { xs: [] }, { xs: [3] }, { xs: [[4]] as unknown as number[] }];
    expect(flatOf(items, (i) => i.xs)).toEqual(items.flatMap((i) => i.xs));
    expect(flatOf([], (i: { xs: number[] }) => i.xs)).toEqual([]);
  });
});
