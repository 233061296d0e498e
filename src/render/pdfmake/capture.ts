// Layout without output: a layout that only needs where things land (the notes' heights) stops once pdfmake has
// laid the pages out, without writing a PDF.
import { pdfmakeClass } from './classes.js';

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

export function captureLayouts(): void {
  const layoutDocument = LayoutBuilder.prototype.layoutDocument as (this: unknown, content: object, ...rest: unknown[]) => LaidOutPage[];
  LayoutBuilder.prototype.layoutDocument = function (this: unknown, content: object, ...rest: unknown[]): LaidOutPage[] {
    const pages = layoutDocument.call(this, content, ...rest);
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
