import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../src/util/memory.js';

describe('collectGarbage', () => {
  it('frees what nothing refers to any more, without leaving gc() to the program', () => {
    let garbage: unknown[] | null = Array.from({ length: 400_000 }, (_, i) => ({ i, text: `entry ${i}` }));
    collectGarbage();
    const held = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(400_000);
    garbage = null;
    collectGarbage();
    // 400,000 small objects and their strings are some 30 MB.
    expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(20_000_000);
    expect('gc' in globalThis).toBe(false);
  });
});
