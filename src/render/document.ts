// Markdown + report metadata -> a pdfmake document definition: page furniture, styles, PDF metadata.
import type { Attachment, Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { RenderMeta } from '../types.js';
import { footnoteEntries, renderBlocks } from './blocks.js';
import { parseMarkdown } from './markdown.js';
import { toTree } from './tokenTree.js';
import { layoutFootnotes } from './footnotes.js';
import { bundledFonts, layoutPdf, renderPdf, type PdfOptions } from './pdf.js';
import { contentWidth, defaultTheme, type Theme } from './theme.js';

export const PAGE = { width: defaultTheme.page.width, height: defaultTheme.page.height, margins: defaultTheme.page.margins };

/** The body, and the footnotes it cites (numbered as markdown-it-footnote numbers them). */
export function documentDefinition(markdown: string, meta: RenderMeta, theme: Theme = defaultTheme): { definition: TDocumentDefinitions; notes: Map<number, Content[]> } {
  const tree = toTree(parseMarkdown(markdown));
  const notesBlock = tree.find((node) => node.type === 'footnote_block');
  const body: Content[] = renderBlocks(tree.filter((node) => node !== notesBlock), contentWidth(theme));
  // The logo stands at the top of the first page, right of the title block.
  if (theme.logo) body.unshift({ image: theme.logo.image, width: theme.logo.width, alignment: 'right', margin: [0, 0, 0, 8] });
  const notes = notesBlock ? footnoteEntries(notesBlock) : new Map<number, Content[]>();
  return { definition: pageSetup(body, meta, theme), notes };
}

function pageSetup(body: Content[], meta: RenderMeta, theme: Theme): TDocumentDefinitions {
  const [left, , right] = theme.page.margins;
  const { ink, muted, accent, banner: bannerColour } = theme.colors;
  const size = theme.fonts.size;
  return {
    pageSize: { width: theme.page.width, height: theme.page.height },
    pageMargins: theme.page.margins,
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
    header: () => banner(meta.classification, [left, 26, right, 0]),
    footer: (currentPage: number, pageCount: number) => ({
      margin: [left, 10, right, 0],
      columns: [
        { text: meta.footerLeft, style: 'furniture', width: 120 },
        { text: meta.classification, style: 'banner', width: '*' },
        { text: `Page ${currentPage} of ${pageCount}`, style: 'furniture', alignment: 'right', width: 120 },
      ],
    }),
    content: body,
    // Keep headings with what follows: a heading alone at the foot of a page moves to the next.
    pageBreakBefore: (node, nodes) => node.headlineLevel !== undefined && nodes.getFollowingNodesOnPage().length === 0 && nodes.getNodesOnNextPage().length > 0,
    defaultStyle: { font: theme.fonts.body, fontSize: size, lineHeight: 1.25, color: ink },
    styles: {
      h1: { ...theme.headings.h1, margin: [0, 0, 0, 6], lineHeight: 1.1 },
      h2: { ...theme.headings.h2, margin: [0, 14, 0, 6] },
      h3: { ...theme.headings.h3, margin: [0, 10, 0, 4] },
      h4: { fontSize: size, bold: true, margin: [0, 8, 0, 2] },
      paragraph: { margin: [0, 0, 0, 6] },
      list: { margin: [0, 0, 0, 6] },
      quoteBlock: { margin: [14, 2, 8, 8] },
      table: { margin: [0, 2, 0, 10], fontSize: size - 1 },
      tableHeader: { bold: true, color: accent },
      tableCell: {},
      code: { fontSize: size - 1, color: muted },
      note: { fontSize: theme.footnotes.size, color: theme.footnotes.color, lineHeight: 1.15, margin: [0, 0, 0, 2] },
      noteMark: { color: accent },
      banner: { fontSize: 8, bold: true, color: bannerColour, alignment: 'center', characterSpacing: 0.5 },
      furniture: { fontSize: 8, color: muted },
      tocEntry: { fontSize: size, margin: [0, 1, 0, 1] },
    },
  };
}

function banner(classification: string, margin: [number, number, number, number]): Content {
  return { text: classification, style: 'banner', margin };
}

/** Every font file a report in this theme may use: the bundled faces and the theme's own. */
export function fontFilesOf(theme: Theme): string[] {
  return [...new Set([...Object.values(bundledFonts), ...Object.values(theme.fonts.files)].flatMap((faces) => Object.values(faces)))];
}

/** The report as PDF bytes, each page carrying the notes of the citations on it. */
export async function renderReport(markdown: string, meta: RenderMeta, pdf: PdfOptions, theme: Theme = defaultTheme): Promise<Buffer> {
  const { definition, notes } = documentDefinition(markdown, meta, theme);
  const fonts = { ...pdf, fonts: theme.fonts.files };
  const result = await layoutFootnotes(definition, notes, {
    pageWidth: theme.page.width,
    pageHeight: theme.page.height,
    margins: theme.page.margins,
    noteSize: theme.footnotes.size,
    render: (d) => renderPdf(d, fonts),
    layout: (d) => layoutPdf(d, fonts),
  });
  return result.bytes;
}
