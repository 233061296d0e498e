// pdfmake's record of where lines land, which page breaks and footnotes rely on, is right inside unbreakable blocks;
// and the words of a line, written as runs, land where pdfmake placed them.
import { describe, expect, it } from 'vitest';
import type { Content } from 'pdfmake/interfaces.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { layoutPdf, renderPdf } from '../src/render/pdf.js';

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

describe('words written as runs', () => {
  it('each run of words with the same look is one piece of text, starting and ending where pdfmake placed its words', async () => {
    const sentence = 'Armed men attacked a convoy near the crossing on Tuesday, officials said. ';
    const text = [sentence.repeat(3), { text: 'Three bold words ', bold: true }, sentence, { text: '12', sup: true }, ' ', { text: 'a link', link: 'https://example.invalid/' }, ` ${sentence}`];
    const definition = () => ({ content: [{ text: structuredClone(text) }] });
    const laidOut = await layoutPdf(definition(), { allowedDirs: [] });
    type PlacedLine = { x: number; y: number; inlines: { text: string; x: number; width: number }[] };
    const lines = laidOut[0]!.items.filter((i) => i.type === 'line').map((i) => i.item as PlacedLine);
    const words = lines.flatMap((line) => line.inlines.map((w) => ({ start: line.x + w.x, end: line.x + w.x + w.width })));

    const pdf = await getDocument({ data: new Uint8Array(await renderPdf(definition(), { allowedDirs: [] })), isEvalSupported: false }).promise;
    const items = ((await (await pdf.getPage(1)).getTextContent()).items as { str: string; width: number; transform: number[] }[]).filter((i) => i.str.trim() !== '');
    await pdf.destroy();

    // Fewer pieces than words: the plain words of a line are one piece, the bold words another.
    expect(items.length).toBeLessThan(words.length / 3);
    // The same text (pdfjs drops a piece's trailing space).
    expect(items.map((i) => i.str).join('').replace(/\s+/g, '')).toBe(lines.flatMap((l) => l.inlines.map((w) => w.text)).join('').replace(/\s+/g, ''));
    for (const item of items) {
      const start = item.transform[4]!;
      expect(words.some((w) => Math.abs(w.start - start) < 0.01), `"${item.str}" starts at a word`).toBe(true);
      // pdfjs measures a piece without its trailing space, which pdfmake counts in the word's width.
      const end = start + item.width;
      expect(words.some((w) => end <= w.end + 0.01 && end > w.start), `"${item.str}" ends inside its last word`).toBe(true);
    }
  });
});
