// pdfmake 0.3's internal classes, as pdfmake itself loads them (its CommonJS build): what the patches change.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** One of pdfmake's internal classes, by file name (ElementWriter, LayoutBuilder, ...). */
export const pdfmakeClass = (name: string) => (require(`pdfmake/js/${name}.js`) as { default: { prototype: Record<string, unknown> } }).default;
