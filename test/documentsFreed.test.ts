// A document rendered is freed once written, with its fonts: what a later document reuses of its measurements
// (a note's number) does not keep it. A process that renders many (a weekly batch, the startup snapshot's warm-up)
// would otherwise hold every such document. Its own file: vitest gives it a fresh module state, where no note's
// number has been measured before.
import { expect, it } from 'vitest';
import { renderReport } from '../src/render/document.js';
import { pdfmakeClass } from '../src/render/pdfmake/classes.js';
import { collectGarbage } from '../src/util/memory.js';
import type { RenderMeta } from '../src/types.js';

const meta: RenderMeta = {
  title: 'Freed', subject: 'test', keywords: [], author: 'sitrep', classification: 'UNCLASSIFIED', footerLeft: 'TEST',
  language: 'en', creationDate: new Date(Date.UTC(2024, 0, 1)), attachment: null,
};

it('a rendered document, its notes measured for later documents, is freed', async () => {
  const PdfmakeDocument = pdfmakeClass('PDFDocument');
  const provideFont = PdfmakeDocument.prototype.provideFont as (this: object, ...args: unknown[]) => unknown;
  const documents: WeakRef<object>[] = [];
  PdfmakeDocument.prototype.provideFont = function (this: object, ...args: unknown[]) {
    if (!documents.some((d) => d.deref() === this)) documents.push(new WeakRef(this));
    return provideFont.apply(this, args);
  };
  try {
    const pdf = await renderReport('A claim.[^1] Another.[^2]\n\n[^1]: A note.\n[^2]: Another note.\n', meta, { allowedDirs: [] });
    expect(pdf.length).toBeGreaterThan(1000);
  } finally {
    PdfmakeDocument.prototype.provideFont = provideFont;
  }
  expect(documents.length).toBeGreaterThan(0);
  // WeakRefs are kept alive until the current task ends.
  await new Promise((resolve) => setTimeout(resolve, 0));
  collectGarbage();
  expect(documents.filter((d) => d.deref() !== undefined)).toHaveLength(0);
});
