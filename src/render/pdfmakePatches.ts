// The changes sitrep makes to pdfmake 0.3's internals, installed once by installPdfmakePatches(): true line
// positions in unbreakable blocks, layout without output, and measurements kept across relayouts. Each touches a
// method or two of pdfmake's classes; the tests of positions, footnotes and byte-identical builds guard them.
//
// Positions: pdfmake records where each line of a node lands (`node.positions`), which pageBreakBefore and the
// footnote layout read. Inside an unbreakable block it records the block's starting point for every line, and keeps
// the old page when the block then moves to the next one; the correction gives those lines their real page and top.
import { createRequire } from 'node:module';

interface Position {
  pageNumber: number;
  top: number;
  offsetInBlock?: number;
}

interface Writer {
  contextStack: unknown[];
  transactionLevel: number;
  context(): { y: number; page: number };
  blockPositions?: Position[];
}

const require = createRequire(import.meta.url);
/** One of pdfmake's internal classes (its CommonJS build, the one pdfmake itself loads). */
const pdfmakeClass = (name: string) => (require(`pdfmake/js/${name}.js`) as { default: { prototype: Record<string, unknown> } }).default;
const ElementWriter = pdfmakeClass('ElementWriter');
const PageElementWriter = pdfmakeClass('PageElementWriter');

let installed = false;

export function installPdfmakePatches(): void {
  if (installed) return;
  installed = true;
  fixPositions();
  captureLayouts();
  reservePageFeet();
  shareFontLayouts();
  lookUpStylesWithoutAllocating();
  cacheWidths();
  cacheMeasuredRuns();
}

function fixPositions(): void {
  const currentPosition = ElementWriter.prototype.getCurrentPositionOnPage as (this: Writer) => Position;
  ElementWriter.prototype.getCurrentPositionOnPage = function (this: Writer): Position {
    const position = currentPosition.call(this);
    if (this.contextStack.length > 0) {
      // Inside a block: its own context starts at 0, so its y is the line's offset from the block's top.
      position.offsetInBlock = this.context().y;
      (this.blockPositions ??= []).push(position);
    }
    return position;
  };
  const commit = PageElementWriter.prototype.commitUnbreakableBlock as (this: Writer, x?: number, y?: number) => unknown;
  PageElementWriter.prototype.commitUnbreakableBlock = function (this: Writer, forcedX?: number, forcedY?: number): unknown {
    const outermost = this.transactionLevel === 1;
    const height = outermost ? this.context().y : 0;
    const result = commit.call(this, forcedX, forcedY);
    if (outermost) {
      // Headers, footers and backgrounds are placed at a forced point; body blocks end where the writer now stands.
      if (forcedX === undefined && forcedY === undefined) {
        const context = this.context();
        const top = context.y - height;
        for (const position of this.blockPositions ?? []) {
          position.pageNumber = context.page + 1;
          position.top = top + (position.offsetInBlock ?? 0);
        }
      }
      this.blockPositions = [];
    }
    return result;
  };
}

// ---- Layout without output ----
// The footnote layout needs only where things land, not the PDF: a pass stops once pdfmake has laid the pages out.

/** A laid-out line: its top, its height and its runs of text (size as set, superscript or not). */
export interface LaidOutLine {
  y: number;
  getHeight(): number;
  inlines: { text: string; fontSize: number; sup?: boolean }[];
}

export interface LaidOutPage {
  items: { type: string; item: unknown }[];
}

const LayoutBuilder = pdfmakeClass('LayoutBuilder');
const layoutOnly = new WeakSet<object>();

class LayoutCaptured {
  constructor(readonly pages: LaidOutPage[]) {}
}

function captureLayouts(): void {
  const layoutDocument = LayoutBuilder.prototype.layoutDocument as (this: unknown, content: object, ...rest: unknown[]) => LaidOutPage[];
  LayoutBuilder.prototype.layoutDocument = function (this: unknown, content: object, ...rest: unknown[]): LaidOutPage[] {
    // Layout is synchronous: the document's page foot is the only one in use until it returns.
    activeFoot = feet.get(content) ?? null;
    let pages: LaidOutPage[];
    try {
      pages = layoutDocument.call(this, content, ...rest);
    } finally {
      activeFoot = null;
    }
    // Thrown past pdfmake's renderer, which is skipped: the caller catches it (see pdf.ts).
    if (layoutOnly.has(content)) throw new LayoutCaptured(pages);
    return pages;
  };
}

/** Marks a definition's content so that laying it out ends with its pages instead of a PDF. */
export function markLayoutOnly(content: object): void {
  layoutOnly.add(content);
}

export function capturedPages(error: unknown): LaidOutPage[] | null {
  return error instanceof LayoutCaptured ? error.pages : null;
}

// ---- Room kept at the foot of the page ----
// Footnotes go at the foot of the page that cites them, so the body must stop higher on a page the more notes its
// lines cite. pdfmake places the body a line or an unbreakable block at a time, checking that each fits above the
// bottom margin; the check is extended to ask the document's PageFoot as well, and a line or block refused there
// goes to the next page, as one that overflows would. After the body, each page's notes are drawn where the foot
// said (after the body, so text extraction reads them in that order). One layout, no passes.

/** What a document keeps free at the foot of its pages, asked as the body is placed. */
export interface PageFoot {
  /** pdfmake starts the layout again (a requested page break): forget what was placed. */
  reset(): void;
  /** May body content reaching down to `bottom`, with these lines, go on this page (0-based)? */
  fits(page: number, bottom: number, lines: LaidOutLine[]): boolean;
  /** It went there. */
  placed(page: number, bottom: number, lines: LaidOutLine[]): void;
  /** What to draw at the foot of a page (1-based) once the body is placed, and where. */
  drawn(page: number): { content: object; x: number; y: number; width: number; height: number } | null;
}

const feet = new WeakMap<object, PageFoot>();
let activeFoot: PageFoot | null = null;

/** Gives a definition's content the page foot its layout must respect. */
export function attachPageFoot(content: object, foot: PageFoot): void {
  feet.set(content, foot);
}

interface BodyWriter {
  transactionLevel: number;
  context(): { y: number; page: number };
}

interface Fragment {
  height: number;
  items: { type: string; item: unknown }[];
}

function reservePageFeet(): void {
  const tryLayout = LayoutBuilder.prototype.tryLayoutDocument as (this: unknown, ...args: unknown[]) => unknown;
  LayoutBuilder.prototype.tryLayoutDocument = function (this: unknown, ...args: unknown[]): unknown {
    activeFoot?.reset();
    return tryLayout.apply(this, args);
  };
  // Only the body counts: lines inside an unbreakable block are checked when the block is placed, and headers,
  // footers and backgrounds are placed as blocks at a given point.
  const addLine = ElementWriter.prototype.addLine as (this: BodyWriter, line: LaidOutLine, ...rest: unknown[]) => unknown;
  ElementWriter.prototype.addLine = function (this: BodyWriter, line: LaidOutLine, ...rest: unknown[]): unknown {
    const foot = activeFoot && this.transactionLevel === 0 ? activeFoot : null;
    if (!foot) return addLine.call(this, line, ...rest);
    const { y, page } = this.context();
    const bottom = y + line.getHeight();
    if (!foot.fits(page, bottom, [line])) return false;
    const position = addLine.call(this, line, ...rest);
    if (position) foot.placed(page, bottom, [line]);
    return position;
  };
  const addFragment = ElementWriter.prototype.addFragment as (this: BodyWriter, block: Fragment, useBlockX?: boolean, ...rest: unknown[]) => unknown;
  ElementWriter.prototype.addFragment = function (this: BodyWriter, block: Fragment, useBlockX?: boolean, ...rest: unknown[]): unknown {
    const foot = activeFoot && this.transactionLevel === 0 && !useBlockX ? activeFoot : null;
    if (!foot) return addFragment.call(this, block, useBlockX, ...rest);
    const { y, page } = this.context();
    const bottom = y + block.height;
    const lines = block.items.flatMap((i) => (i.type === 'line' ? [i.item as LaidOutLine] : []));
    if (!foot.fits(page, bottom, lines)) return false;
    const placed = addFragment.call(this, block, useBlockX, ...rest);
    if (placed) foot.placed(page, bottom, lines);
    return placed;
  };
  type Builder = { addDynamicRepeatable(getter: unknown, size: unknown, property: string): void };
  const addHeadersAndFooters = LayoutBuilder.prototype.addHeadersAndFooters as (this: Builder, ...args: unknown[]) => void;
  LayoutBuilder.prototype.addHeadersAndFooters = function (this: Builder, ...args: unknown[]): void {
    const foot = activeFoot;
    if (foot) {
      // pdfmake asks for a page's content, then at once for its box. Drawn before the page furniture, so that
      // text is read body, notes, then header and footer.
      let box: ReturnType<PageFoot['drawn']> = null;
      this.addDynamicRepeatable(
        (page: number) => (box = foot.drawn(page))?.content ?? null,
        () => box,
        'footnotes',
      );
    }
    addHeadersAndFooters.apply(this, args);
  };
}

// ---- Shaped text, shared by documents ----
// pdfkit shapes each word with fontkit (kerning, ligatures) once per font per document, for measuring and again
// for writing. A report is several documents (its notes are measured apart), and a weekly batch many: the words
// shaped for one serve every later document set in the same font file. A shaped word is glyph ids, advances and
// code points, which the document's own font subsets as usual.

const PdfmakeDocument = pdfmakeClass('PDFDocument');
const sharedLayouts = new Map<string, Record<string, unknown>>();
const MAX_SHARED_WORDS = 100_000;
/** The face (family, bold, italics) each document's font objects were made for. */
const fontFaces = new WeakMap<object, [string, boolean, boolean]>();
type FontProvider = { provideFont(family: string, bold: boolean, italics: boolean): object };

function shareFontLayouts(): void {
  type FontDocument = { fonts: Record<string, Record<string, unknown>>; getFontType(bold: boolean, italics: boolean): string };
  const provideFont = PdfmakeDocument.prototype.provideFont as (this: FontDocument, family: string, bold: boolean, italics: boolean) => { layoutCache?: Record<string, unknown> };
  PdfmakeDocument.prototype.provideFont = function (this: FontDocument, family: string, bold: boolean, italics: boolean) {
    const font = provideFont.call(this, family, bold, italics);
    // pdfmake asks for the font of every run of text: only a font first seen gets the shared words.
    if (fontFaces.has(font)) return font;
    fontFaces.set(font, [family, bold, italics]);
    const file = [this.fonts[family]?.[this.getFontType(bold, italics)]].flat()[0];
    if (typeof file !== 'string' || !font.layoutCache) return font;
    let shared = sharedLayouts.get(file);
    if (!shared || Object.keys(shared).length > MAX_SHARED_WORDS) sharedLayouts.set(file, (shared = Object.create(null) as Record<string, unknown>));
    font.layoutCache = shared;
    keepPlainRuns(Object.getPrototypeOf(font) as EmbeddedFontPrototype);
    return font;
  };
}

interface ShapedRun {
  glyphs: { id: number; advanceWidth: number; codePoints: number[] }[];
  positions: object[];
  advanceWidth: number;
}

interface EmbeddedFontPrototype {
  layoutCached(this: { layoutCache?: Record<string, ShapedRun>; layoutRun(text: string): ShapedRun }, text: string): ShapedRun;
  plainRuns?: true;
}

/**
 * A shaped word is kept as plain data (glyph id, advance, code points: all pdfkit reads of it), not as fontkit's
 * glyphs, which hold on to the parsed font of the document that shaped them.
 */
function keepPlainRuns(prototype: EmbeddedFontPrototype): void {
  if (prototype.plainRuns) return;
  prototype.plainRuns = true;
  const layoutCached = prototype.layoutCached;
  prototype.layoutCached = function (text: string): ShapedRun {
    const cache = this.layoutCache;
    if (!cache) return layoutCached.call(this, text);
    const cached = cache[text];
    if (cached) return cached;
    const run = this.layoutRun(text);
    const plain: ShapedRun = {
      glyphs: run.glyphs.map((g) => ({ id: g.id, advanceWidth: g.advanceWidth, codePoints: g.codePoints })),
      positions: run.positions,
      advanceWidth: run.advanceWidth,
    };
    cache[text] = plain;
    return plain;
  };
}

// ---- Style lookups ----
// pdfmake looks up some twenty style properties for every run of text, and each lookup made a closure and a Set
// for every named style on the stack; that garbage was a tenth of a report's time. The same walk, allocating only
// for a style that extends another.

const StyleContextStack = pdfmakeClass('StyleContextStack');

type StyleDictionary = Record<string, Record<string, unknown> & { extends?: string | string[] }>;
const isValue = (value: unknown) => value !== undefined && value !== null;

function styleValue(styles: StyleDictionary, name: string, property: string, visited?: Set<string>): unknown {
  const style = styles[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (!style.extends) return undefined;
  const seen = visited ?? new Set<string>();
  if (seen.has(name)) return undefined;
  seen.add(name);
  const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
  for (let i = parents.length - 1; i >= 0; i--) {
    if (seen.has(parents[i]!)) continue;
    const value = styleValue(styles, parents[i]!, property, seen);
    if (isValue(value)) return value;
  }
  return undefined;
}

function lookUpStylesWithoutAllocating(): void {
  type Stack = { styleOverrides?: (string | Record<string, unknown>)[]; styleDictionary: StyleDictionary; defaultStyle?: Record<string, unknown> };
  StyleContextStack.prototype.getProperty = function (this: Stack, property: string): unknown {
    const overrides = this.styleOverrides;
    if (overrides) {
      for (let i = overrides.length - 1; i >= 0; i--) {
        const item = overrides[i]!;
        const value = typeof item === 'string' ? styleValue(this.styleDictionary, item, property) : item[property];
        if (isValue(value)) return value;
      }
    }
    return this.defaultStyle && this.defaultStyle[property];
  };
}

// ---- Text widths, measured once ----
// pdfmake measures every run of text again on each layout (and the footnote layout makes several); shaping text
// with fontkit is most of that time. A run's width depends only on the font, size, features and spacing.

const TextInlines = pdfmakeClass('TextInlines');
const widths = new Map<string, number>();
const MAX_WIDTHS = 200_000;

function cacheWidths(): void {
  const widthOfText = TextInlines.prototype.widthOfText as (this: unknown, text: string, inline: WidthInline) => number;
  TextInlines.prototype.widthOfText = function (this: unknown, text: string, inline: WidthInline): number {
    const font = inline.font as { name?: string; filename?: string } | undefined;
    if (!font?.name) return widthOfText.call(this, text, inline);
    const key = `${font.name}\u0000${inline.fontSize}\u0000${inline.characterSpacing ?? 0}\u0000${inline.fontFeatures ? JSON.stringify(inline.fontFeatures) : ''}\u0000${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      width = widthOfText.call(this, text, inline);
      if (widths.size >= MAX_WIDTHS) widths.clear();
      widths.set(key, width);
    }
    return width;
  };
}

interface WidthInline {
  font?: unknown;
  fontSize: number;
  characterSpacing?: number;
  fontFeatures?: unknown;
}


// ---- Text measured once per layout run ----
// pdfmake measures the whole document again before each relayout (one per page break it is asked for), and
// building a paragraph's runs is most of that time. Within one document nothing a run depends on changes, so the
// first measurement of a node is kept and fresh copies of its runs are handed out afterwards (pdfmake consumes them).
// Nodes whose text depends on the layout (page references) are measured every time.

const DocMeasure = pdfmakeClass('DocMeasure');
const measuredRuns = new WeakMap<object, { runs: object[]; minWidth: unknown; maxWidth: unknown }>();

const dependsOnLayout = (text: unknown): boolean =>
  Array.isArray(text)
    ? text.some(dependsOnLayout)
    : !!text && typeof text === 'object' && ('pageReference' in text || 'textReference' in text || dependsOnLayout((text as { text?: unknown }).text));

function cacheMeasuredRuns(): void {
  const measureLeaf = DocMeasure.prototype.measureLeaf as (this: unknown, node: Record<string, unknown>) => Record<string, unknown>;
  DocMeasure.prototype.measureLeaf = function (this: unknown, node: Record<string, unknown>): Record<string, unknown> {
    const key = (node[MEASURE_SLOT] as object | undefined) ?? node;
    const kept = measuredRuns.get(key);
    if (kept) {
      // A run holds its document's font: one measured for another document takes this one's font of that face.
      const fonts = (this as { pdfDocument: FontProvider }).pdfDocument;
      node._inlines = kept.runs.map((run) => {
        const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object), run) as { font?: object };
        const face = copy.font ? fontFaces.get(copy.font) : undefined;
        if (face) copy.font = fonts.provideFont(...face);
        return copy;
      });
      node._minWidth = kept.minWidth;
      node._maxWidth = kept.maxWidth;
      return node;
    }
    const measured = measureLeaf.call(this, node);
    if (!node._textRef && !dependsOnLayout(node.text) && Array.isArray(node._inlines)) {
      measuredRuns.set(key, { runs: (node._inlines as object[]).map((run) => ({ ...run })), minWidth: node._minWidth, maxWidth: node._maxWidth });
    }
    return measured;
  };
}

const MEASURE_SLOT = '_measureSlot';

/**
 * Text nodes made afresh for each document (a footnote, measured apart, then drawn) share one measurement when
 * they share a slot: the same text in the same styles gives the same runs.
 */
export function measureOnce<T extends object>(node: T, slot: object): T {
  // Not enumerable: copies of the node do not carry it unless given it.
  Object.defineProperty(node, MEASURE_SLOT, { value: slot, enumerable: false, configurable: true });
  return node;
}

/** The slot a node was given, if any. */
export function measureSlotOf(node: object): object | undefined {
  return (node as Record<string, object | undefined>)[MEASURE_SLOT];
}
