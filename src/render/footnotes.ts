// Footnotes at the foot of the page that cites them. pdfmake has none, so: lay out, find on which page each
// citation mark landed (reading the PDF back), reserve that page's note space, and repeat until nothing moves.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface FootnoteOptions {
  pageWidth: number;
  pageHeight: number;
  margins: [number, number, number, number];
  /** Render a definition to PDF bytes. */
  render: (definition: TDocumentDefinitions) => Promise<Buffer>;
  maxPasses?: number;
}

export interface FootnoteResult {
  bytes: Buffer;
  passes: number;
  converged: boolean;
  /** Note numbers per page (1-based), as finally laid out. */
  placement: Map<number, number[]>;
}

type Placement = Map<number, number[]>;
type Measured = Map<number, number>;

const SUP_MAX_HEIGHT = 7; // citation marks are superscripts: smaller than any running text
const BODY_MIN_HEIGHT = 8.5; // body and table text; notes and page furniture are set at 8 points
const NOTE_GAP = 8;
// Line bottoms are estimated from line tops: a little room for the descenders and cell padding.
const SAFETY = 10;

/**
 * `build` turns the current placement (notes per page) and reserved heights into a definition; the body is laid
 * out so that nothing enters a page's reserved area, and the notes are drawn there.
 */
export async function layoutFootnotes(
  base: TDocumentDefinitions,
  notes: Map<number, Content[]>,
  options: FootnoteOptions,
): Promise<FootnoteResult> {
  let placement: Placement = new Map();
  /** Height of each page's note block as placed now (where it is drawn), and the space kept free for it. */
  let measured: Measured = new Map();
  let reserved: Measured = new Map();
  /** Room added where the body was seen to reach into the notes: line bottoms are estimated, not known. */
  const extra: Measured = new Map();
  /** Placements seen so far: meeting one again means the layout oscillates, and reserved space may then only grow. */
  const seen = new Set<string>();
  let onlyGrow = false;
  let bytes: Buffer | null = null;
  // The page breaks pdfmake made in the last pass are given to the next up front (each one found inside pdfmake
  // costs a relayout); only the last pass's, so that a break made for room since given back does not linger.
  let breaks = new Set<string>();
  const maxPasses = options.maxPasses ?? 8;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const definition = withNotes(base, notes, placement, { measured, reserved }, options, breaks);
    bytes = await options.render(definition);
    breaks = collectBreaks(definition.content);
    const { placement: found, lowestBody } = await readLayout(bytes);
    // Where body text still reaches into a page's notes (line heights are estimated), keep more room free.
    let overlapping = false;
    for (const [page, height] of measured) {
      const notesTop = options.pageHeight - options.margins[3] - height;
      const overlap = (lowestBody.get(page) ?? 0) - notesTop;
      if (overlap > 0 && placement.has(page)) {
        extra.set(page, (extra.get(page) ?? 0) + overlap + SAFETY);
        overlapping = true;
      }
    }
    if (!overlapping && samePlacement(found, placement)) return { bytes, passes: pass, converged: true, placement };
    const signature = [...found].map(([page, numbers]) => `${page}:${numbers.join(',')}`).join(';');
    if (seen.has(signature)) onlyGrow = true;
    seen.add(signature);
    placement = found;
    measured = await measureNoteBlocks(base, placement, notes, options);
    const next: Measured = new Map();
    for (const [page, height] of measured) {
      const wanted = height + (extra.get(page) ?? 0);
      next.set(page, onlyGrow ? Math.max(wanted, reserved.get(page) ?? 0) : wanted);
    }
    reserved = next;
  }
  return { bytes: bytes!, passes: maxPasses, converged: false, placement };
}

function withNotes(
  base: TDocumentDefinitions,
  notes: Map<number, Content[]>,
  placement: Placement,
  { measured, reserved }: { measured: Measured; reserved: Measured },
  options: FootnoteOptions,
  breaks: Set<string>,
): TDocumentDefinitions {
  const [left, , right, bottom] = options.margins;
  const keepWithNext = base.pageBreakBefore;
  // pdfmake mutates what it lays out: every pass starts from a fresh copy of the body.
  const content = copyContent(base.content);
  const fresh = registerNodes(content as Content[]);
  for (const id of breaks) {
    const node = fresh.get(id)?.parts[0] as { pageBreak?: string } | undefined;
    if (node) node.pageBreak = 'before';
  }
  return {
    ...base,
    content,
    background: (page: number) => {
      const numbers = placement.get(page);
      // Drawn from the foot of the page up, whatever extra space an earlier pass kept free above it.
      const height = measured.get(page);
      if (!numbers || !height) return null;
      return {
        margin: [left, options.pageHeight - bottom - height + NOTE_GAP / 2, right, 0],
        stack: noteBlock(numbers, notes),
      };
    },
    pageBreakBefore: (node, nodes) => {
      if (keepWithNext?.(node, nodes)) return true;
      const page = node.pageNumbers[0]!;
      const height = reserved.get(page);
      if (!height || node.id === undefined) return false;
      const entry = fresh.get(node.id);
      // The first block of a page stays, however tall its notes: moving it would only leave the page empty.
      // (The note block drawn in the background is laid out too; it does not count.)
      const before = nodes.getPreviousNodesOnPage().filter((n) => n.id !== undefined && fresh.has(n.id));
      if (!entry || before.length === 0) return false;
      const limit = options.pageHeight - bottom - height - SAFETY;
      return bottomOn(entry, page) > limit;
    },
  };
}

function noteBlock(numbers: number[], notes: Map<number, Content[]>): Content[] {
  return [
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 120, y2: 0, lineWidth: 0.5, lineColor: '#9aa5b1' }], margin: [0, 0, 0, 3] },
    ...numbers.map((n) => ({ columns: [{ text: `${n}.`, width: 16, style: 'note' }, { text: notes.get(n) ?? [], style: 'note', width: '*' }], columnGap: 2 }) as Content),
  ];
}

// ---- Where the body's nodes are ----

interface Positioned {
  positions?: { pageNumber: number; top: number }[];
}

interface Entry {
  /** The nodes whose lines count: the node itself, or every cell of a table row. */
  parts: Positioned[];
  lineHeight: number;
}

type Registry = Map<string, Entry>;

/** Gives each block node an id (pdfmake passes ids to pageBreakBefore) and remembers how tall its lines are. */
function registerNodes(content: Content[]): Registry {
  const registry: Registry = new Map();
  let next = 0;
  const visit = (node: unknown, lineHeight: number): void => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const n = node as Record<string, unknown>;
    // An unbreakable group, or columns side by side, move as one: a break inside would tear them apart.
    if (n.unbreakable === true || 'columns' in n) {
      n.id ??= `n${next++}`;
      registry.set(n.id as string, { parts: [n as Positioned], lineHeight });
      return;
    }
    if ('stack' in n) return (n.stack as unknown[]).forEach((c) => visit(c, lineHeight));
    if ('ul' in n || 'ol' in n) return ((n.ul ?? n.ol) as unknown[]).forEach((c) => visit(c, lineHeight));
    if ('text' in n || 'table' in n || 'svg' in n || 'canvas' in n || 'toc' in n) {
      n.id ??= `n${next++}`;
      registry.set(n.id as string, { parts: [n as Positioned], lineHeight: 'svg' in n ? Number(n.height ?? 300) : lineHeight });
    }
  };
  content.forEach((c) => visit(c, 13));
  return registry;
}

/** The lowest point the node reaches on a page; a node that runs on to the next page fills this one. */
function bottomOn(entry: Entry, page: number): number {
  let lowest = 0;
  for (const part of entry.parts) {
    const positions = part.positions ?? [];
    if (positions.some((p) => p.pageNumber > page) && positions.some((p) => p.pageNumber === page)) return Number.POSITIVE_INFINITY;
    for (const p of positions) if (p.pageNumber === page) lowest = Math.max(lowest, p.top + entry.lineHeight);
  }
  return lowest;
}

// ---- Reading the laid-out PDF back ----

/**
 * Read back from the PDF: the note numbers whose superscript marks stand on each page, and how far down each page
 * the body's text reaches (top-down page units; notes and page furniture are set smaller and are not counted).
 */
export async function readLayout(bytes: Uint8Array): Promise<{ placement: Placement; lowestBody: Map<number, number> }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const placement: Placement = new Map();
  const lowestBody = new Map<number, number>();
  for (let page = 1; page <= pdf.numPages; page++) {
    const pdfPage = await pdf.getPage(page);
    const height = pdfPage.view[3]!;
    const content = await pdfPage.getTextContent();
    const numbers = new Set<number>();
    for (const item of content.items) {
      if (!('str' in item) || item.height <= 0 || item.str.trim() === '') continue;
      const isMark = item.height < SUP_MAX_HEIGHT;
      if (isMark) for (const digits of item.str.match(/\d+/g) ?? []) numbers.add(Number(digits));
      if (isMark || item.height >= BODY_MIN_HEIGHT) {
        // The baseline plus a descender, measured from the top of the page.
        const bottom = height - item.transform[5]! + item.height * 0.25;
        lowestBody.set(page, Math.max(lowestBody.get(page) ?? 0, bottom));
      }
    }
    if (numbers.size > 0) placement.set(page, [...numbers].sort((a, b) => a - b));
  }
  await pdf.destroy();
  return { placement, lowestBody };
}

/** Each page's note block laid out alone, on a page as tall as its content: that height is what to reserve. */
async function measureNoteBlocks(base: TDocumentDefinitions, placement: Placement, notes: Map<number, Content[]>, options: FootnoteOptions): Promise<Measured> {
  const pages = [...placement.keys()].sort((a, b) => a - b);
  if (pages.length === 0) return new Map();
  const [left, , right] = options.margins;
  const bytes = await options.render({
    pageSize: { width: options.pageWidth, height: 'auto' },
    pageMargins: [left, 0, right, 0],
    content: pages.map((page, i) => ({ stack: noteBlock(placement.get(page)!, notes), ...(i > 0 ? { pageBreak: 'before' as const } : {}) })),
    defaultStyle: base.defaultStyle,
    styles: base.styles,
  });
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const measured: Measured = new Map();
  for (const [i, page] of pages.entries()) measured.set(page, (await pdf.getPage(i + 1)).view[3]! + NOTE_GAP);
  await pdf.destroy();
  return measured;
}

/** Ids of the nodes pdfmake moved to a new page. */
function collectBreaks(content: unknown, breaks = new Set<string>()): Set<string> {
  if (Array.isArray(content)) content.forEach((c) => collectBreaks(c, breaks));
  else if (content && typeof content === 'object') {
    const node = content as Record<string, unknown>;
    if (node.pageBreak === 'before' && typeof node.id === 'string') breaks.add(node.id);
    for (const key of ['stack', 'ul', 'ol', 'columns']) if (Array.isArray(node[key])) collectBreaks(node[key], breaks);
  }
  return breaks;
}

/** A deep copy that keeps functions (table layouts hold some), which structuredClone refuses. */
function copyContent<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyContent) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyContent(v)])) as T;
  }
  return value;
}

function samePlacement(a: Placement, b: Placement): boolean {
  if (a.size !== b.size) return false;
  for (const [page, numbers] of a) if ((b.get(page) ?? []).join() !== numbers.join()) return false;
  return true;
}
