// What a reader sees at the foot of each page: the citation marks in the body and the notes below the rule.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PageNotes {
  page: number;
  /** Note numbers cited by superscript marks in the body. */
  marks: number[];
  /** Note numbers printed in the notes block. */
  notes: number[];
  /** Lowest baseline of body text, and highest top of the notes block (PDF units, from the page bottom). */
  bodyBottom: number;
  notesTop: number;
  /** The lowest line of the body: its text and type size (a heading is set larger than 10 points). */
  lastLine: { text: string; size: number } | null;
}

const SUP = 7; // superscript marks are smaller than any running text
const NOTE_SIZE = 8;

export async function pageNotes(bytes: Uint8Array, footerHeight = 62): Promise<PageNotes[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const pages: PageNotes[] = [];
  for (let page = 1; page <= pdf.numPages; page++) {
    const items = (await (await pdf.getPage(page)).getTextContent()).items.filter((i) => 'str' in i && i.str.trim() !== '') as {
      str: string;
      height: number;
      transform: number[];
    }[];
    const marks = new Set<number>();
    const notes = new Set<number>();
    let bodyBottom = Number.POSITIVE_INFINITY;
    let notesTop = Number.NEGATIVE_INFINITY;
    let lastLine: PageNotes['lastLine'] = null;
    for (const item of items) {
      const y = item.transform[5]!;
      if (y < footerHeight - 20 || y > 841.89 - footerHeight + 20) continue; // page furniture
      if (item.height < SUP) {
        for (const n of item.str.match(/\d+/g) ?? []) marks.add(Number(n));
        bodyBottom = Math.min(bodyBottom, y);
      } else if (Math.abs(item.height - NOTE_SIZE) < 0.5) {
        const number = /^(\d+)\.(\s|$)/.exec(item.str.trim()); // a wide number may run into its note's text
        if (number) notes.add(Number(number[1]));
        notesTop = Math.max(notesTop, y + item.height);
      } else {
        if (y <= bodyBottom) lastLine = { text: item.str, size: item.height };
        bodyBottom = Math.min(bodyBottom, y);
      }
    }
    pages.push({ page, marks: [...marks].sort((a, b) => a - b), notes: [...notes].sort((a, b) => a - b), bodyBottom, notesTop, lastLine });
  }
  await pdf.destroy();
  return pages;
}
