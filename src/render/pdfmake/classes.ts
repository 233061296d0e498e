// pdfmake 0.3's internal classes, as pdfmake itself loads them (its CommonJS build): what the patches change.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** One of pdfmake's internal classes, by file name (ElementWriter, LayoutBuilder, ...). */
export const pdfmakeClass = (name: string) => (require(`pdfmake/js/${name}.js`) as { default: { prototype: Record<string, unknown> } }).default;

/** fontkit as pdfkit loads it (pdfkit is pdfmake's, fontkit pdfkit's): the same glyphs as the documents'. */
export const pdfkitFontkit = (): { create(buffer: Buffer): unknown } => {
  const pdfkit = createRequire(require.resolve('pdfmake/js/Printer.js')).resolve('pdfkit');
  return createRequire(pdfkit)('fontkit') as { create(buffer: Buffer): unknown };
};
