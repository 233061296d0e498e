// pdfmake document definition -> PDF bytes, with bundled fonts and no access beyond the allowed folders.
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { SitrepError } from '../errors.js';
import { capturedPages, installPdfmakePatches, markLayoutOnly, type LaidOutPage } from './pdfmake/index.js';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'build', 'fonts', 'Roboto');

export const bundledFonts = {
  Roboto: {
    normal: path.join(fontDir, 'Roboto-Regular.ttf'),
    bold: path.join(fontDir, 'Roboto-Medium.ttf'),
    italics: path.join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
};

export interface PdfOptions {
  /** Folders a document may read fonts and images from; everything else is refused. */
  allowedDirs: string[];
  /** Fonts of the theme, by name, beside the bundled Roboto. */
  fonts?: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>;
}

export async function renderPdf(definition: TDocumentDefinitions, options: PdfOptions): Promise<Buffer> {
  return (await run(definition, options, false)) as Buffer;
}

/** Lays a definition out without writing a PDF: the pages, with every line where it landed. */
export async function layoutPdf(definition: TDocumentDefinitions, options: PdfOptions): Promise<LaidOutPage[]> {
  return (await run(definition, options, true)) as LaidOutPage[];
}

async function run(definition: TDocumentDefinitions, options: PdfOptions, layoutOnly: boolean): Promise<Buffer | LaidOutPage[]> {
  const allowed = [fontDir, ...options.allowedDirs].map((dir) => path.resolve(dir) + path.sep);
  installPdfmakePatches();
  pdfmake.setFonts({ ...bundledFonts, ...options.fonts });
  // Reports never fetch from the network, and read files only from the project's own asset folders.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => allowed.some((dir) => path.resolve(file).startsWith(dir)));
  if (layoutOnly) markLayoutOnly(definition.content as object);
  try {
    const bytes = await pdfmake.createPdf(definition).getBuffer();
    if (layoutOnly) throw new Error('the layout was not captured');
    return bytes;
  } catch (error) {
    const pages = capturedPages(error);
    if (pages) return pages;
    throw new SitrepError({ code: 'RenderFailed', message: `PDF rendering failed: ${(error as Error).message}` }, { cause: error });
  }
}
