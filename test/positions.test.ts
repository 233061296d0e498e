// pdfmake's record of where lines land, which page breaks and footnotes rely on, is right inside unbreakable blocks.
import { describe, expect, it } from 'vitest';
import type { Content } from 'pdfmake/interfaces.js';
import { renderPdf } from '../src/render/pdf.js';

type Positioned = { positions: { pageNumber: number; top: number }[] };

describe('line positions in unbreakable blocks', () => {
  it('a block moved to the next page reports that page, and each line its own top', async () => {
    const block = { stack: Array.from({ length: 6 }, (_, i) => ({ text: `line ${i + 1}` })), unbreakable: true } as Content & Positioned;
    const filler = { text: Array.from({ length: 52 }, (_, i) => `filler ${i}`).join('\n') };
    await renderPdf({ content: [filler, block] }, { allowedDirs: [] });
    const pages = new Set(block.positions.map((p) => p.pageNumber));
    expect([...pages]).toEqual([2]);
    const tops = block.positions.map((p) => p.top);
    expect(new Set(tops).size).toBe(6);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    expect(tops[0]).toBeCloseTo(40, 0); // pdfmake's default top margin: the block opens page 2
  });
});
