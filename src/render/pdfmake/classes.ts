// pdfmake 0.3's internal classes, as pdfmake itself loads them (its CommonJS build): what the patches change.
// Imported by name, not looked up by path at run time, so that a bundler sees them (see scripts/bundle.mjs).
import DocMeasure from 'pdfmake/js/DocMeasure.js';
import ElementWriter from 'pdfmake/js/ElementWriter.js';
import LayoutBuilder from 'pdfmake/js/LayoutBuilder.js';
import PageElementWriter from 'pdfmake/js/PageElementWriter.js';
import PDFDocument from 'pdfmake/js/PDFDocument.js';
import Renderer from 'pdfmake/js/Renderer.js';
import StyleContextStack from 'pdfmake/js/StyleContextStack.js';
import TextInlines from 'pdfmake/js/TextInlines.js';

const classes = { DocMeasure, ElementWriter, LayoutBuilder, PageElementWriter, PDFDocument, Renderer, StyleContextStack, TextInlines };

type PdfmakeClass = { prototype: Record<string, unknown> };

/**
 * One of pdfmake's internal classes, by file name. Each module is Babel's CommonJS (`exports.default`): Node and
 * esbuild import the whole `exports` as the default, Vite (the tests) imports `exports.default`.
 */
export const pdfmakeClass = (name: keyof typeof classes): PdfmakeClass => {
  const imported = classes[name] as PdfmakeClass | { default: PdfmakeClass };
  return typeof imported === 'function' ? imported : (imported as { default: PdfmakeClass }).default;
};

