// True line positions. pdfmake records where each line of a node lands (`node.positions`), which its page-break
// rule (a heading is not left last on a page) reads. Inside an unbreakable block it records the block's starting
// point for every line, and keeps the old page when the block then moves to the next one; the correction gives
// those lines their real page and top.
import { pdfmakeClass } from './classes.js';

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

const ElementWriter = pdfmakeClass('ElementWriter');
const PageElementWriter = pdfmakeClass('PageElementWriter');

export function fixPositions(): void {
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
