// The changes sitrep makes to pdfmake 0.3's internals, installed once by installPdfmakePatches(). Each module
// touches a method or two of pdfmake's classes; the tests of positions, footnotes and byte-identical builds guard
// them (pdfmake is pinned to 0.3.11 for this reason).
import { captureLayouts } from './capture.js';
import { cacheWidths, shareFontLayouts } from './fonts.js';
import { cacheMeasuredRuns, lookUpStylesWithoutAllocating, resolveWordStylesOnce } from './measure.js';
import { reservePageFeet } from './pageFoot.js';
import { fixPositions } from './positions.js';
import { repeatTableHeaders } from './tableHeaders.js';
import { writeWordsAsRuns } from './runs.js';
import { writeContentAsText } from './streams.js';

export { capturedPages, markLayoutOnly, type LaidOutLine, type LaidOutPage } from './capture.js';
export { attachPageFoot, type PageFoot } from './pageFoot.js';
export { measureOnce } from './measure.js';

let installed = false;

export function installPdfmakePatches(): void {
  if (installed) return;
  installed = true;
  fixPositions();
  captureLayouts();
  reservePageFeet();
  repeatTableHeaders();
  shareFontLayouts();
  lookUpStylesWithoutAllocating();
  resolveWordStylesOnce();
  cacheWidths();
  cacheMeasuredRuns();
  writeWordsAsRuns();
  writeContentAsText();
}
