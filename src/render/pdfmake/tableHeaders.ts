// Table header rows repeated on each page a table runs onto, in the one layout. A table is laid out as one small
// table per row (see renderTable in blocks.ts), so pdfmake's own header repetition, which lives inside one table,
// does not apply. pdfmake's mechanism for it does: a "repeatable" block that the writer puts on top of every page
// it opens. The header row (marked `tableHeader: true`) is laid out apart, placed where it stands, and kept as the
// repeatable until the table's last row (marked `tableEnd: true`) is placed. It starts repeating only once it is on
// a page: a header still inside a block kept together (with its heading and first row) could yet move to the next
// page, which must not get it twice.
import { pdfmakeClass } from './classes.js';

const LayoutBuilder = pdfmakeClass('LayoutBuilder');

interface Block {
  items: unknown[];
  height: number;
  xOffset: number;
  insertedOnPages: boolean[];
}

interface Context {
  x: number;
  y: number;
  availableWidth: number;
  pages: { items: unknown[] }[];
}

interface Position {
  pageNumber: number;
  top: number;
  offsetInBlock?: number;
}

interface Writer {
  transactionLevel: number;
  /** The positions of lines inside the block being laid out (see positions.ts). */
  blockPositions?: Position[];
  contextStack: Context[];
  context(): Context;
  pushContext(width: number, height: number): void;
  popContext(): void;
  addFragment(block: Omit<Block, 'insertedOnPages'>): unknown;
  pushToRepeatables(block: Block): void;
  popFromRepeatables(): void;
}

/** Per writer (one per layout attempt): the header waiting to be on a page, and whether one is repeating. */
const headers = new WeakMap<Writer, { waiting: Block | null; repeating: boolean }>();

// Taller than any page: the header row is laid out apart without ever breaking.
const APART_HEIGHT = 1e6;

export function repeatTableHeaders(): void {
  type Node = Record<string, unknown>;
  const processNode = LayoutBuilder.prototype.processNode as (this: { writer: Writer }, node: Node, ...rest: unknown[]) => void;
  LayoutBuilder.prototype.processNode = function (this: { writer: Writer }, node: Node, ...rest: unknown[]): void {
    const writer = this.writer;
    if (node.tableHeader) layOutHeader(writer, () => processNode.call(this, node, ...rest));
    else processNode.call(this, node, ...rest);
    const state = headers.get(writer);
    if (!state) return;
    // Out of every block kept together: the header is on its page for good.
    if (state.waiting && writer.transactionLevel === 0) {
      writer.pushToRepeatables(state.waiting);
      state.waiting = null;
      state.repeating = true;
    }
    if (node.tableEnd) {
      if (state.repeating) writer.popFromRepeatables();
      headers.delete(writer);
    }
  };
}

/** Lays the header row out in a context of its own, places that block where the row goes, and keeps it. */
function layOutHeader(writer: Writer, process: () => void): void {
  // Its lines' positions are its own while apart.
  const outerPositions = writer.blockPositions;
  writer.blockPositions = [];
  writer.pushContext(writer.context().availableWidth, APART_HEIGHT);
  // Not body content while apart: the page foot does not count it, and its own unbreakable block stays inline.
  writer.transactionLevel++;
  try {
    process();
  } finally {
    writer.transactionLevel--;
  }
  const apart = writer.context();
  writer.popContext();
  const positions = writer.blockPositions ?? [];
  writer.blockPositions = outerPositions;
  const block = { items: apart.pages[0]!.items, height: apart.y };
  // Where the page's own context will stand the block: its x, plus the x inside the block kept together, if any.
  const inBlock = writer.transactionLevel > 0;
  const xOffset = inBlock ? writer.contextStack[0]!.x + writer.context().x : writer.context().x;
  const yInBlock = writer.context().y;
  writer.addFragment({ ...block, xOffset });
  // The row's lines, where they landed: on the page now, or in the enclosing block (whose placing will fix them).
  if (inBlock) {
    for (const position of positions) position.offsetInBlock = yInBlock + (position.offsetInBlock ?? 0);
    (writer.blockPositions ??= []).push(...positions);
  } else {
    const context = writer.context() as Context & { page: number };
    for (const position of positions) {
      position.pageNumber = context.page + 1;
      position.top = context.y - block.height + (position.offsetInBlock ?? 0);
    }
  }
  headers.set(writer, { waiting: { ...block, xOffset, insertedOnPages: [] }, repeating: false });
}
