// Per-page footnotes: every mark's note stands at the foot of the same page, and the body never runs into the notes.
import { describe, expect, it, vi } from 'vitest';
import { renderReport } from '../src/render/document.js';
import { pdfmakeClass } from '../src/render/pdfmake/classes.js';
import type { RenderMeta } from '../src/types.js';
import { pageNotes } from './helpers/pageLayout.js';
import { readPdf } from './helpers/pdfText.js';

const meta: RenderMeta = {
  title: 'Footnote test', subject: 'test', keywords: [], author: 'test', classification: 'TEST', footerLeft: 'T-1',
  language: 'en', creationDate: new Date(Date.UTC(2024, 0, 1)), attachment: null,
};

const sentence = 'The convoy was attacked near the crossing on Tuesday, officials said, and the road stayed closed for hours.';

/** Markdown whose pages cite about `perPage` sources each, with notes of realistic length. */
function generated(paragraphs: number, citesPerParagraph: number, longNotes = false): string {
  let n = 0;
  const body: string[] = ['# Generated report', ''];
  const defs: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const marks = Array.from({ length: citesPerParagraph }, () => `[^s${++n}]`).join('');
    body.push(`${sentence} ${sentence}${marks}`, '');
  }
  for (let i = 1; i <= n; i++) {
    const long = longNotes && i % 3 === 0 ? ', with a title long enough to wrap onto a second line of the notes block at the foot of the page' : '';
    defs.push(`[^s${i}]: Example Wire, “Report number ${i}${long}”, 2 Jan 2024, para. ${i % 9 + 1}.`);
  }
  return [...body, ...defs].join('\n');
}

async function expectNotesOnTheirPages(bytes: Uint8Array) {
  const pages = await pageNotes(bytes);
  for (const page of pages) {
    expect(page.notes, `page ${page.page}: notes for its marks`).toEqual(expect.arrayContaining(page.marks));
    if (page.notes.length > 0) expect(page.bodyBottom, `page ${page.page}: body above notes`).toBeGreaterThan(page.notesTop);
  }
  const cited = new Set(pages.flatMap((p) => p.marks));
  return { pages, cited };
}

describe('per-page footnotes', () => {
  it('one citation', async () => {
    const bytes = await renderReport(generated(1, 1), meta, { allowedDirs: [] });
    const { pages, cited } = await expectNotesOnTheirPages(bytes);
    expect(pages).toHaveLength(1);
    expect([...cited]).toEqual([1]);
    expect(pages[0]!.notes).toEqual([1]);
    // Text extraction (and a screen reader) reads the body, then its notes, then the page furniture.
    const text = (await readPdf(bytes)).pages[0]!.replace(/\s+/g, ' ');
    const order = ['the road stayed closed', 'Example Wire', 'Page 1 of 1'].map((phrase) => text.indexOf(phrase));
    expect(order[0]).toBeGreaterThan(-1);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('ten citations a page over several pages, long notes wrapping', async () => {
    const bytes = await renderReport(generated(24, 2, true), meta, { allowedDirs: [] });
    const { pages, cited } = await expectNotesOnTheirPages(bytes);
    expect(pages.length).toBeGreaterThan(2);
    expect(cited.size).toBe(48);
    expect(Math.max(...pages.map((p) => p.marks.length))).toBeGreaterThanOrEqual(10);
  });

  it('sixty citations on one page: the notes go in two columns', async () => {
    const bytes = await renderReport(generated(1, 60, true), meta, { allowedDirs: [] });
    const { pages, cited } = await expectNotesOnTheirPages(bytes);
    expect(cited.size).toBe(60);
    expect(pages.map((p) => p.marks.length)).toEqual([60]);
    expect(pages[0]!.notes).toHaveLength(60);
  });

  it('a paragraph whose notes would not fit beside the one before it moves to the next page', async () => {
    // Two paragraphs of sixty long notes each are more than one page of notes can hold, even in two columns.
    const bytes = await renderReport(generated(2, 60, true), meta, { allowedDirs: [] });
    const { pages, cited } = await expectNotesOnTheirPages(bytes);
    expect(cited.size).toBe(120);
    expect(pages.map((p) => p.marks.length)).toEqual([60, 60]);
  });

  it('a table that runs over pages repeats its header row once on each, keeps each row whole, in one layout', async () => {
    const layouts = vi.spyOn(pdfmakeClass('LayoutBuilder').prototype as { layoutDocument(): unknown }, 'layoutDocument');
    const bytes = await renderReport(longTable(70), meta, { allowedDirs: [] });
    // The notes are measured in a document of their own; the body is laid out once.
    expect(layouts).toHaveBeenCalledTimes(2);
    layouts.mockRestore();
    await expectNotesOnTheirPages(bytes);
    const { pages } = await readPdf(bytes);
    expect(pages.length).toBeGreaterThan(2);
    for (const [i, text] of pages.entries()) {
      const folded = text.replace(/\s+/g, ' ');
      expect(folded.match(/What happened/g), `page ${i + 1}`).toHaveLength(1);
      // Each row's text is whole on its page: its number, its date and its sentence.
      for (const n of folded.match(/Convoy (\d+) was stopped/g) ?? []) expect(folded).toContain(`${n} near the crossing, officials said.`);
    }
  });

  it('a table whose heading lands near the foot of a page: the header row stands once on each page with rows', async () => {
    const filler = 'A paragraph of filler text long enough to take two lines of the page, so that what follows it lands lower.';
    for (let paragraphs = 18; paragraphs <= 30; paragraphs += 2) {
      const markdown = ['# Report', '', ...Array.from({ length: paragraphs }, () => [filler, '']).flat(), longTable(20), '', 'After the table.'].join('\n');
      const { pages } = await readPdf(await renderReport(markdown, meta, { allowedDirs: [] }));
      for (const [i, text] of pages.entries()) {
        const headers = text.replace(/\s+/g, ' ').match(/No\. Date What happened/g)?.length ?? 0;
        expect(headers, `${paragraphs} paragraphs, page ${i + 1}`).toBe(/Convoy \d+ was stopped/.test(text) ? 1 : 0);
      }
    }
  });

  it('no heading is the last line of a page', async () => {
    const sections = Array.from({ length: 40 }, (_, i) => {
      const sentences = Array.from({ length: 1 + ((i * 7) % 6) }, () => sentence).join(' ');
      return `## Section ${i + 1}\n\n${sentences}[^h${i + 1}]\n\n[^h${i + 1}]: Example Wire, 2 Jan 2024, para. ${i + 1}.`;
    });
    const bytes = await renderReport(['# Headings', '', ...sections].join('\n\n'), meta, { allowedDirs: [] });
    const { pages } = await expectNotesOnTheirPages(bytes);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(page.lastLine?.size, `page ${page.page} ends with "${page.lastLine?.text}"`).toBeLessThan(11);
  });
});

/** A chronology table of `count` rows, each citing its own source. */
function longTable(count: number): string {
  const rows = Array.from({ length: count }, (_, i) => `| ${i + 1}[^t${i + 1}] | 2 Jan 2024 | Convoy ${i + 1} was stopped near the crossing, officials said. | Crossing |`);
  const defs = Array.from({ length: count }, (_, i) => `[^t${i + 1}]: Example Wire, 2 Jan 2024, para. ${i + 1}.`);
  return ['## Chronology', '', '| No. | Date | What happened | Place |', '| --- | --- | --- | --- |', ...rows, '', ...defs].join('\n');
}
