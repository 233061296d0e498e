// Footnotes at the foot of the page that cites them. pdfmake has none, so: lay out, find on which page each
// citation mark landed (in pdfmake's laid-out pages), reserve that page's note space, and repeat until nothing moves.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { LaidOutLine, LaidOutPage } from './pdfmakePatches.js';

export interface FootnoteOptions {
  pageWidth: number;
  pageHeight: number;
  margins: [number, number, number, number];
  /** Render a definition to PDF bytes. */
  render: (definition: TDocumentDefinitions) => Promise<Buffer>;
  /** Lay a definition out without writing it: the pages, each line where it landed. */
  layout: (definition: TDocumentDefinitions) => Promise<LaidOutPage[]>;
  maxPasses?: number;
  /** Type size of the notes (8 by default): text larger than this is body text. */
  noteSize?: number;
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
const BODY_MIN_HEIGHT = 8.5; // body and table text; notes and page furniture are set at 8 points (by default)
const NOTE_GAP = 8;
// Line bottoms are estimated from line tops (a line is at most 13 points): a little room for descenders and padding.
const SAFETY = 4;

/**
 * Lays the body out so that no block enters the foot of its page where the notes of the marks on that page go,
 * then draws the notes there. Each pass is one pdfmake layout: pdfmake asks, block by block in reading order,
 * whether to break before it, and the answer reserves room for the notes of every mark placed on the page so far
 * (each note's height measured once). The next pass draws the notes where the marks landed; the layout has settled
 * when a pass finds the placement it drew. Passes stop at the layout; only the settled one is written as PDF.
 */
export async function layoutFootnotes(
  base: TDocumentDefinitions,
  notes: Map<number, Content[]>,
  options: FootnoteOptions,
): Promise<FootnoteResult> {
  const heights = await measureEachNote(base, notes, options);
  let placement: Placement = new Map();
  /** Room added where the body was seen to reach into the notes: a correction for the estimates. */
  const extra: Measured = new Map();
  // The breaks of the last pass are given to the next up front: each one pdfmake finds costs it a relayout.
  let breaks = new Set<string>();
  // Table rows that open a page, which get the table's header row repeated on top of them.
  let opening = new Set<string>();
  const maxPasses = options.maxPasses ?? 8;
  // Passes only lay out; the PDF is written once, from the state of the pass that settled (or the last one).
  const write = (state: { placement: Placement; breaks: Set<string>; opening: Set<string> }) =>
    options.render(withNotes(base, notes, { placement: state.placement, extra, heights }, options, state));
  for (let pass = 1; pass <= maxPasses; pass++) {
    const state = { placement, breaks, opening };
    const definition = withNotes(base, notes, { placement, extra, heights }, options, { breaks, opening });
    const pages = await options.layout(definition);
    const openingNow = rowsOpeningPages(definition.content);
    const previousOpening = opening;
    const sameOpening = sameSet(openingNow, opening);
    opening = openingNow;
    const { placement: found, lowestBody } = readPages(pages, (options.noteSize ?? 8) + 0.5);
    let overlapping = false;
    for (const [page, numbers] of placement) {
      const overlap = (lowestBody.get(page) ?? 0) - (options.pageHeight - options.margins[3] - blockHeight(numbers, heights));
      if (overlap > 0) {
        extra.set(page, (extra.get(page) ?? 0) + overlap + SAFETY);
        overlapping = true;
      }
    }
    // Written with every break this pass made given up front: the same pages, without pdfmake's relayouts.
    const settled = { ...state, breaks: collectBreaks(definition.content) };
    if (!overlapping && sameOpening && samePlacement(found, placement)) return { bytes: await write(settled), passes: pass, converged: true, placement };
    if (pass === maxPasses) return { bytes: await write(settled), passes: pass, converged: false, placement };
    // A break still holds if nothing before it changed: more room kept free for notes changes every page after it,
    // a header row put back on top of a row changes what follows that row.
    const changedFrom = overlapping ? -1 : Math.min(...[...symmetricDifference(openingNow, previousOpening)].map(idNumber));
    breaks = new Set([...collectBreaks(definition.content)].filter((id) => idNumber(id) <= changedFrom));
    placement = found;
  }
  throw new Error('unreachable: the last pass returns');
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

/** Every note's height, across the full width and in a half column. */
async function measureEachNote(base: TDocumentDefinitions, notes: Map<number, Content[]>, options: FootnoteOptions): Promise<NoteHeights> {
  const numbers = [...notes.keys()].sort((a, b) => a - b);
  if (numbers.length === 0) return { rule: 0, full: new Map(), half: new Map() };
  const [left, , right] = options.margins;
  const width = options.pageWidth - left - right;
  const measure = async (columnWidth: number) => {
    const entries = numbers.map((n) => noteEntry(n, notes)) as Positioned[];
    // Each note runs from its top to the next one's; the sentinel's top is where the last one ends.
    const sentinel = { text: ' ', style: 'note' } as Positioned;
    await options.layout({
      pageSize: { width: options.pageWidth, height: 'auto' },
      pageMargins: [left, 0, right, 0],
      content: [{ columns: [{ stack: [...entries, sentinel] as Content[], width: columnWidth }, { text: '', width: '*' }], columnGap: 0 }],
      defaultStyle: base.defaultStyle,
      styles: base.styles,
    });
    const tops = [...entries, sentinel].map((entry) => entry.positions?.[0]?.top ?? 0);
    return new Map(numbers.map((n, i) => [n, tops[i + 1]! - tops[i]!]));
  };
  const full = await measure(width);
  const half = await measure((width - COLUMN_GAP) / 2);
  // The rule is a hairline with 3 points below it (see noteBlock).
  return { rule: 3.5, full, half };
}

function withNotes(
  base: TDocumentDefinitions,
  notes: Map<number, Content[]>,
  { placement, extra, heights }: { placement: Placement; extra: Measured; heights: NoteHeights },
  options: FootnoteOptions,
  { breaks, opening }: { breaks: Set<string>; opening: Set<string> },
): TDocumentDefinitions {
  const [left, , right, bottom] = options.margins;
  const keepWithNext = base.pageBreakBefore;
  // pdfmake mutates what it lays out: every pass starts from a fresh copy of the body.
  const content = copyContent(base.content);
  const fresh = registerNodes(content as Content[]);
  for (const id of breaks) {
    const node = fresh.get(id)?.node;
    if (node) node.pageBreak = 'before';
  }
  for (const id of opening) {
    const node = fresh.get(id)?.node as { repeatHeader?: unknown[]; table?: { body: unknown[] } } | undefined;
    if (node?.repeatHeader && node.table) node.table.body = [copyContent(node.repeatHeader), ...node.table.body];
  }
  const definition: TDocumentDefinitions = {
    ...base,
    content,
    background: (page: number) => {
      const numbers = placement.get(page);
      if (!numbers) return null;
      return {
        margin: [left, options.pageHeight - bottom - blockHeight(numbers, heights) + NOTE_GAP, right, 0],
        stack: noteBlock(numbers, notes, noteLayout(numbers, heights).split),
      };
    },
    pageBreakBefore: (node, nodes) => {
      if (keepWithNext?.(node, nodes)) return true;
      const entry = node.id === undefined ? undefined : fresh.get(node.id);
      if (!entry) return false;
      const page = node.pageNumbers[0]!;
      // The first block of a page stays, however tall its notes: moving it would only leave the page empty.
      // (The note block drawn in the background is laid out too; it has no id here.)
      const before = nodes.getPreviousNodesOnPage().flatMap((n) => (n.id !== undefined && fresh.has(n.id) ? [fresh.get(n.id)!] : []));
      if (before.length === 0) return false;
      const marks = new Set([...before.flatMap((e) => e.marks), ...entry.marks]);
      const height = blockHeight(marks, heights) + (extra.get(page) ?? 0);
      if (height === 0) return false;
      return bottomOn(entry, page) > options.pageHeight - bottom - height - SAFETY;
    },
  };
  return definition;
}

function noteBlock(numbers: number[], notes: Map<number, Content[]>, split: number | null): Content[] {
  const rule: Content = { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 120, y2: 0, lineWidth: 0.5, lineColor: '#9aa5b1' }], margin: [0, 0, 0, 3] };
  if (split === null) return [rule, ...numbers.map((n) => noteEntry(n, notes))];
  const column = (list: number[]) => ({ stack: list.map((n) => noteEntry(n, notes)), width: '*' });
  return [rule, { columns: [column(numbers.slice(0, split)), column(numbers.slice(split))], columnGap: COLUMN_GAP } as Content];
}

function noteEntry(n: number, notes: Map<number, Content[]>): Content {
  return { columns: [{ text: `${n}.`, width: 18, style: 'note' }, { text: notes.get(n) ?? [], style: 'note', width: '*' }], columnGap: 2 } as Content;
}

// ---- Where the body's nodes are ----

interface Positioned {
  positions?: { pageNumber: number; top: number }[];
}

interface Entry {
  node: Record<string, unknown>;
  /** Note numbers of the citation marks inside it. */
  marks: number[];
  /** The nodes whose lines count, each with the height of its lines: the node itself, or the leaves of a group. */
  parts: { node: Positioned; lineHeight: number }[];
}

type Registry = Map<string, Entry>;

const isLeaf = (n: Record<string, unknown>) => 'text' in n || 'table' in n || 'svg' in n || 'canvas' in n || 'toc' in n;
const leafLineHeight = (n: Record<string, unknown>, lineHeight: number) => ('svg' in n ? Number(n.height ?? 300) : lineHeight);

/** Gives each block node an id (pdfmake passes ids to pageBreakBefore) and remembers how tall its lines are. */
function registerNodes(content: Content[]): Registry {
  const registry: Registry = new Map();
  let next = 0;
  const leaves = (node: unknown, out: Entry['parts'] = []): Entry['parts'] => {
    if (Array.isArray(node)) node.forEach((c) => leaves(c, out));
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (isLeaf(n)) out.push({ node: n as Positioned, lineHeight: leafLineHeight(n, 13) });
      else for (const key of ['stack', 'columns', 'ul', 'ol']) if (key in n) leaves(n[key], out);
    }
    return out;
  };
  const visit = (node: unknown, lineHeight: number): void => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const n = node as Record<string, unknown>;
    // An unbreakable group, or columns side by side, move as one: a break inside would tear them apart.
    if (n.unbreakable === true || 'columns' in n) {
      n.id ??= `n${next++}`;
      registry.set(n.id as string, { node: n, marks: marksIn(n), parts: leaves(n) });
      return;
    }
    if ('stack' in n) return (n.stack as unknown[]).forEach((c) => visit(c, lineHeight));
    if ('ul' in n || 'ol' in n) return ((n.ul ?? n.ol) as unknown[]).forEach((c) => visit(c, lineHeight));
    if (isLeaf(n)) {
      n.id ??= `n${next++}`;
      registry.set(n.id as string, { node: n, marks: marksIn(n), parts: [{ node: n as Positioned, lineHeight: leafLineHeight(n, lineHeight) }] });
    }
  };
  content.forEach((c) => visit(c, 13));
  return registry;
}

/** The lowest point the node reaches on a page; a node that runs on to the next page fills this one. */
function bottomOn(entry: Entry, page: number): number {
  let lowest = 0;
  for (const { node, lineHeight } of entry.parts) {
    const positions = node.positions ?? [];
    if (positions.some((p) => p.pageNumber > page) && positions.some((p) => p.pageNumber === page)) return Number.POSITIVE_INFINITY;
    for (const p of positions) if (p.pageNumber === page) lowest = Math.max(lowest, p.top + lineHeight);
  }
  return lowest;
}

// ---- Reading the layout ----

/**
 * From pdfmake's laid-out pages: the note numbers whose superscript marks stand on each page, and how far down
 * each page the body reaches (notes and page furniture are set at the note size or smaller and do not count).
 */
export function readPages(pages: LaidOutPage[], bodyMinHeight = BODY_MIN_HEIGHT): { placement: Placement; lowestBody: Map<number, number> } {
  const placement: Placement = new Map();
  const lowestBody = new Map<number, number>();
  pages.forEach((page, i) => {
    const numbers = new Set<number>();
    for (const { type, item } of page.items) {
      if (type !== 'line') continue;
      const line = item as LaidOutLine;
      let body = false;
      for (const inline of line.inlines) {
        if (inline.sup && inline.fontSize < SUP_MAX_HEIGHT) {
          for (const digits of inline.text.match(/\d+/g) ?? []) numbers.add(Number(digits));
          body = true;
        } else if (inline.fontSize >= bodyMinHeight && inline.text.trim() !== '') body = true;
      }
      if (body) lowestBody.set(i + 1, Math.max(lowestBody.get(i + 1) ?? 0, line.y + line.getHeight()));
    }
    if (numbers.size > 0) placement.set(i + 1, [...numbers].sort((a, b) => a - b));
  });
  return { placement, lowestBody };
}


/** Note numbers cited in a block (its superscript marks). */
function marksIn(node: unknown, out: number[] = []): number[] {
  if (Array.isArray(node)) node.forEach((n) => marksIn(n, out));
  else if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (n.style === 'noteMark' && typeof n.text === 'string' && /^\d+$/.test(n.text)) out.push(Number(n.text));
    for (const key of ['text', 'stack', 'columns', 'ul', 'ol', 'table', 'body']) if (key in n && typeof n[key] === 'object') marksIn(n[key], out);
  }
  return out;
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

/**
 * Ids of the table rows (those that carry their table's header) that stand first on a page: on a later page than
 * the row before them, in reading order (a row's neighbour may sit in another group, with a heading).
 */
function rowsOpeningPages(content: unknown): Set<string> {
  const found = new Set<string>();
  let previousRowPage: number | null = null;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown> & Positioned;
    if ('table' in n) {
      const pages = (n.positions ?? []).map((p) => p.pageNumber);
      if (pages.length === 0) return;
      if (n.repeatHeader && typeof n.id === 'string' && previousRowPage !== null && Math.min(...pages) > previousRowPage) found.add(n.id);
      previousRowPage = Math.max(...pages);
      return;
    }
    for (const key of ['stack', 'ul', 'ol', 'columns']) if (Array.isArray(n[key])) visit(n[key]);
  };
  visit(content);
  return found;
}

const idNumber = (id: string) => Number(id.slice(1));
const symmetricDifference = (a: Set<string>, b: Set<string>) => new Set([...a, ...b].filter((x) => !(a.has(x) && b.has(x))));
const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

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
