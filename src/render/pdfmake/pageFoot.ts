// Footnotes go at the foot of the page that cites them, so the body must stop higher on a page the more notes its
// lines cite. pdfmake places the body a line or an unbreakable block at a time, checking that each fits above the
// bottom margin; the check is extended to ask the document's PageFoot as well, and a line or block refused there
// goes to the next page, as one that overflows would. After the body, each page's notes are drawn where the foot
// said (after the body, so text extraction reads them in that order). One layout, no passes.
import { pdfmakeClass } from './classes.js';
import type { LaidOutLine } from './capture.js';

const LayoutBuilder = pdfmakeClass('LayoutBuilder');
const ElementWriter = pdfmakeClass('ElementWriter');

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

export function reservePageFeet(): void {
  // Layout is synchronous: the document's page foot is the only one in use until it returns.
  const layoutDocument = LayoutBuilder.prototype.layoutDocument as (this: unknown, content: object, ...rest: unknown[]) => unknown;
  LayoutBuilder.prototype.layoutDocument = function (this: unknown, content: object, ...rest: unknown[]): unknown {
    activeFoot = feet.get(content) ?? null;
    try {
      return layoutDocument.call(this, content, ...rest);
    } finally {
      activeFoot = null;
    }
  };
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
