// Markdown + report metadata -> a pdfmake document definition: page furniture, styles, PDF metadata.
import type { Attachment, Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { RenderMeta } from '../types.js';
import { footnoteEntries, renderBlocks } from './blocks.js';
import { parseMarkdown } from './markdown.js';
import { toTree } from './tokenTree.js';
import { layoutFootnotes } from './footnotes.js';
import { renderPdf, type PdfOptions } from './pdf.js';

const INK = '#1f2933';
const MUTED = '#52606d';
const ACCENT = '#243b53';

export const PAGE = { width: 595.28, height: 841.89, margins: [56, 62, 56, 62] as [number, number, number, number] };

/** The body, and the footnotes it cites (numbered as markdown-it-footnote numbers them). */
export function documentDefinition(markdown: string, meta: RenderMeta): { definition: TDocumentDefinitions; notes: Map<number, Content[]> } {
  const tree = toTree(parseMarkdown(markdown));
  const notesBlock = tree.find((node) => node.type === 'footnote_block');
  const body: Content[] = renderBlocks(tree.filter((node) => node !== notesBlock));
  const notes = notesBlock ? footnoteEntries(notesBlock) : new Map<number, Content[]>();
  return { definition: pageSetup(body, meta), notes };
}

function pageSetup(body: Content[], meta: RenderMeta): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: PAGE.margins,
    info: {
      title: meta.title,
      subject: meta.subject,
      keywords: meta.keywords.join(', '),
      author: meta.author,
      creator: 'sitrep',
      producer: 'sitrep (pdfmake)',
      creationDate: meta.creationDate,
      modDate: meta.creationDate,
    },
    language: meta.language,
    ...(meta.attachment
      ? {
          // pdfmake hands these options to pdfkit, which also takes the file's dates (fixed, for reproducible output).
          files: {
            [meta.attachment.name]: {
              src: `data:application/json;base64,${Buffer.from(meta.attachment.json).toString('base64')}`,
              name: meta.attachment.name,
              description: meta.attachment.description,
              creationDate: meta.creationDate,
              modifiedDate: meta.creationDate,
            } as Attachment,
          },
        }
      : {}),
    header: () => banner(meta.classification, [56, 26, 56, 0]),
    footer: (currentPage: number, pageCount: number) => ({
      margin: [56, 10, 56, 0],
      columns: [
        { text: meta.footerLeft, style: 'furniture', width: 120 },
        { text: meta.classification, style: 'banner', width: '*' },
        { text: `Page ${currentPage} of ${pageCount}`, style: 'furniture', alignment: 'right', width: 120 },
      ],
    }),
    content: body,
    // Keep headings with what follows: a heading alone at the foot of a page moves to the next.
    pageBreakBefore: (node, nodes) => node.headlineLevel !== undefined && nodes.getFollowingNodesOnPage().length === 0 && nodes.getNodesOnNextPage().length > 0,
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25, color: INK },
    styles: {
      h1: { fontSize: 20, bold: true, color: ACCENT, margin: [0, 0, 0, 6], lineHeight: 1.1 },
      h2: { fontSize: 13, bold: true, color: ACCENT, margin: [0, 14, 0, 6] },
      h3: { fontSize: 11, bold: true, color: ACCENT, margin: [0, 10, 0, 4] },
      h4: { fontSize: 10, bold: true, margin: [0, 8, 0, 2] },
      paragraph: { margin: [0, 0, 0, 6] },
      list: { margin: [0, 0, 0, 6] },
      quoteBlock: { margin: [14, 2, 8, 8] },
      table: { margin: [0, 2, 0, 10], fontSize: 9 },
      tableHeader: { bold: true, color: ACCENT },
      tableCell: {},
      code: { font: 'Roboto', fontSize: 9, color: MUTED },
      note: { fontSize: 8, color: MUTED, lineHeight: 1.15, margin: [0, 0, 0, 2] },
      noteMark: { color: ACCENT },
      banner: { fontSize: 8, bold: true, color: '#9b1c1c', alignment: 'center', characterSpacing: 0.5 },
      furniture: { fontSize: 8, color: MUTED },
      tocEntry: { fontSize: 10, margin: [0, 1, 0, 1] },
    },
  };
}

function banner(classification: string, margin: [number, number, number, number]): Content {
  return { text: classification, style: 'banner', margin };
}

/** The report as PDF bytes, each page carrying the notes of the citations on it. */
export async function renderReport(markdown: string, meta: RenderMeta, pdf: PdfOptions): Promise<Buffer & { passes?: number }> {
  const { definition, notes } = documentDefinition(markdown, meta);
  const result = await layoutFootnotes(definition, notes, {
    pageWidth: PAGE.width,
    pageHeight: PAGE.height,
    margins: PAGE.margins,
    render: (d) => renderPdf(d, pdf),
  });
  return Object.assign(result.bytes, { passes: result.passes });
}
