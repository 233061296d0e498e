// Footnotes at the foot of the page that cites them. pdfmake has none: while it places the body, every line and
// block is asked whether the notes of the marks on its page, its own included, would still fit below it (see
// PageFoot in pdfmake/pageFoot.ts); after the body, each page's notes are drawn in the room kept for them.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { attachPageFoot, measureOnce, type LaidOutLine, type LaidOutPage, type PageFoot } from './pdfmake/index.js';

export interface FootnoteOptions {
  pageWidth: number;
  pageHeight: number;
  margins: [number, number, number, number];
  /** Render a definition to PDF bytes. */
  render: (definition: TDocumentDefinitions) => Promise<Buffer>;
  /** Lay a definition out without writing it: the pages, each line where it landed. */
  layout: (definition: TDocumentDefinitions) => Promise<LaidOutPage[]>;
  /** Type size of the notes (8 by default): text larger than this is body text. */
  noteSize?: number;
}

export interface FootnoteResult {
  bytes: Buffer;
  /** Note numbers per page (1-based), as laid out. */
  placement: Map<number, number[]>;
}

type Placement = Map<number, number[]>;

const SUP_MAX_HEIGHT = 7; // citation marks are superscripts: smaller than any running text
const NOTE_GAP = 8;

/**
 * Lays the body out with room for each page's notes kept at its foot, then draws the notes there: one layout of
 * the body (table header rows are repeated within it, see pdfmake/tableHeaders.ts).
 */
export async function layoutFootnotes(
  base: TDocumentDefinitions,
  notes: Map<number, Content[]>,
  options: FootnoteOptions,
): Promise<FootnoteResult> {
  const heights = await measureEachNote(base, notes, options);
  const foot = new NoteSpace(heights, notes, options);
  attachPageFoot(base.content as object, foot);
  return { bytes: await options.render(base), placement: foot.placement };
}

/** The room kept at the foot of each page, and what is drawn there: the page's notes. */
class NoteSpace implements PageFoot {
  readonly placement: Placement = new Map();
  private readonly lowest = new Map<number, number>();
  private readonly limit: number;

  constructor(
    private readonly heights: NoteHeights,
    private readonly notes: Map<number, Content[]>,
    private readonly options: FootnoteOptions,
  ) {
    this.limit = options.pageHeight - options.margins[3];
  }

  reset(): void {
    this.placement.clear();
    this.lowest.clear();
  }

  fits(pageIndex: number, bottom: number, lines: LaidOutLine[]): boolean {
    const page = pageIndex + 1;
    const lowest = this.lowest.get(page);
    // The first body on a page stays, however tall its notes: moving it would only leave the page empty.
    if (lowest === undefined) return true;
    const numbers = this.numbersWith(page, lines);
    return numbers.length === 0 || Math.max(lowest, bottom) <= this.limit - blockHeight(numbers, this.heights) + 0.01;
  }

  placed(pageIndex: number, bottom: number, lines: LaidOutLine[]): void {
    const page = pageIndex + 1;
    // A block taller than the page (pdfmake clips it) fills the page, no more.
    this.lowest.set(page, Math.max(this.lowest.get(page) ?? 0, Math.min(bottom, this.limit)));
    const numbers = this.numbersWith(page, lines);
    if (numbers.length > 0) this.placement.set(page, numbers);
  }

  private numbersWith(page: number, lines: LaidOutLine[]): number[] {
    const placed = this.placement.get(page) ?? [];
    const marks = lines.flatMap(marksOnLine);
    return marks.length > 0 ? [...new Set([...placed, ...marks])].sort((a, b) => a - b) : placed;
  }

  drawn(page: number) {
    const numbers = this.placement.get(page);
    if (!numbers) return null;
    const [left, , right] = this.options.margins;
    const layout = noteLayout(numbers, this.heights);
    const y = this.limit - layout.height + NOTE_GAP;
    return { content: { stack: noteBlock(numbers, this.notes, layout.split) }, x: left, y, width: this.options.pageWidth - left - right, height: this.options.pageHeight - y };
  }
}

/** Note numbers of the citation marks on a laid-out line (superscripts smaller than any running text). */
function marksOnLine(line: LaidOutLine): number[] {
  const numbers: number[] = [];
  for (const inline of line.inlines) {
    if (inline.sup && inline.fontSize < SUP_MAX_HEIGHT) for (const digits of inline.text.match(/\d+/g) ?? []) numbers.push(Number(digits));
  }
  return numbers;
}

interface NoteHeights {
  rule: number;
  /** Each note's height across the full width, and in half of it. */
  full: Map<number, number>;
  half: Map<number, number>;
}

/** Pages citing this many sources set their notes in two columns, when that makes the block shorter. */
const TWO_COLUMNS_FROM = 10;
const COLUMN_GAP = 14;

interface NoteLayout {
  height: number;
  /** Where the second column starts, or null for one column. */
  split: number | null;
}

/** A page's note block: the gap above it, the rule, and its notes, in one column or two balanced ones. */
function noteLayout(numbers: number[], heights: NoteHeights): NoteLayout {
  if (numbers.length === 0) return { height: 0, split: null };
  const sum = (list: number[], sizes: Map<number, number>) => list.reduce((total, n) => total + (sizes.get(n) ?? 12), 0);
  const single = sum(numbers, heights.full);
  let best: NoteLayout = { height: single, split: null };
  if (numbers.length >= TWO_COLUMNS_FROM) {
    for (let split = 1; split < numbers.length; split++) {
      const height = Math.max(sum(numbers.slice(0, split), heights.half), sum(numbers.slice(split), heights.half));
      if (height < best.height) best = { height, split };
    }
  }
  return { height: NOTE_GAP + heights.rule + best.height, split: best.split };
}

const blockHeight = (numbers: Iterable<number>, heights: NoteHeights) => noteLayout([...numbers].sort((a, b) => a - b), heights).height;

/** Where pdfmake put a node: a page and a top for each of its lines. */
interface Positioned {
  positions?: { pageNumber: number; top: number }[];
}

/** Every note's height, across the full width and in a half column. */
async function measureEachNote(base: TDocumentDefinitions, notes: Map<number, Content[]>, options: FootnoteOptions): Promise<NoteHeights> {
  const numbers = [...notes.keys()].sort((a, b) => a - b);
  if (numbers.length === 0) return { rule: 0, full: new Map(), half: new Map() };
  const [left, , right] = options.margins;
  const width = options.pageWidth - left - right;
  // Both widths side by side in one layout (one document, one measurement of the text).
  const column = (columnWidth: number) => {
    // Each note runs from its top to the next one's; the sentinel's top is where the last one ends.
    const entries = [...numbers.map((n) => noteEntry(n, notes)), { text: ' ', style: 'note' }] as Positioned[];
    return { entries, width: columnWidth };
  };
  const columns = [column(width), column((width - COLUMN_GAP) / 2)];
  await options.layout({
    pageSize: { width: left + columns[0]!.width + columns[1]!.width + right, height: 'auto' },
    pageMargins: [left, 0, right, 0],
    content: [{ columns: columns.map((c) => ({ stack: c.entries as Content[], width: c.width })), columnGap: 0 }],
    defaultStyle: base.defaultStyle,
    styles: base.styles,
  });
  const [full, half] = columns.map(({ entries }) => {
    const tops = entries.map((entry) => entry.positions?.[0]?.top ?? 0);
    return new Map(numbers.map((n, i) => [n, tops[i + 1]! - tops[i]!]));
  });
  // The rule is a hairline with 3 points below it (see noteBlock).
  return { rule: 3.5, full: full!, half: half! };
}

function noteBlock(numbers: number[], notes: Map<number, Content[]>, split: number | null): Content[] {
  const rule: Content = { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 120, y2: 0, lineWidth: 0.5, lineColor: '#9aa5b1' }], margin: [0, 0, 0, 3] };
  if (split === null) return [rule, ...numbers.map((n) => noteEntry(n, notes))];
  const column = (list: number[]) => ({ stack: list.map((n) => noteEntry(n, notes)), width: '*' });
  return [rule, { columns: [column(numbers.slice(0, split)), column(numbers.slice(split))], columnGap: COLUMN_GAP } as Content];
}

/** A note, measured once however many documents lay it out (see measureOnce): apart at two widths, then drawn. */
function noteEntry(n: number, notes: Map<number, Content[]>): Content {
  const text = notes.get(n) ?? [];
  let label = labelSlots.get(n);
  if (!label) labelSlots.set(n, (label = {}));
  return {
    columns: [measureOnce({ text: `${n}.`, width: 18, style: 'note' }, label), measureOnce({ text, style: 'note', width: '*' }, text)],
    columnGap: 2,
  } as Content;
}

const labelSlots = new Map<number, object>();
