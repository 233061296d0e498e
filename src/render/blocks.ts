// Block nodes -> pdfmake content, one small rule per Markdown block type.
import type { Content, ContentTable, TableCell } from 'pdfmake/interfaces.js';
import type { BlockNode } from './tokenTree.js';
import { inlineText, renderInlines } from './inlines.js';
import { mapSvg, type MapMarker } from './map.js';

type Rule = (node: BlockNode) => Content | Content[];

const inlineOf = (node: BlockNode) => node.children.find((c) => c.type === 'inline')?.token.children ?? [];

export const blockRules: Record<string, Rule> = {
  heading: (node) => {
    const level = Number(node.token.tag.slice(1));
    return {
      text: renderInlines(inlineOf(node)),
      style: `h${level}`,
      headlineLevel: level,
      ...(level === 2 ? { tocItem: true, outline: true, outlineText: inlineText(inlineOf(node)) } : {}),
    } as Content;
  },
  paragraph: (node) => ({ text: renderInlines(inlineOf(node)), style: 'paragraph' }),
  bullet_list: (node) => ({ ul: node.children.map(renderItem), style: 'list' }),
  ordered_list: (node) => ({ ol: node.children.map(renderItem), start: Number(node.token.attrGet('start') ?? 1), style: 'list' }),
  blockquote: (node) => ({
    table: { widths: ['*'], body: [[{ stack: renderBlocks(node.children), style: 'quote' }]], dontBreakRows: true },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? 2 : 0),
      vLineColor: () => '#9aa5b1',
      paddingLeft: () => 10,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    style: 'quoteBlock',
  }),
  table: (node) => renderTable(node),
  hr: () => ({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: '#9aa5b1' }], margin: [0, 6, 0, 6] }),
  code_block: (node) => ({ text: node.token.content.replace(/\n$/, ''), style: 'code', preserveLeadingSpaces: true }),
  // Fenced blocks with a `sitrep-` info string are directives from the template, not code.
  fence: (node) => directives[node.token.info.trim()]?.(node.token.content) ?? { text: node.token.content.replace(/\n$/, ''), style: 'code', preserveLeadingSpaces: true },
  footnote_block: (node) => [
    { text: 'Notes', style: 'h2', headlineLevel: 2, tocItem: true, outline: true },
    ...node.children.map(renderFootnote),
  ],
};

const CONTENT_WIDTH = 483;

const directives: Record<string, (body: string) => Content> = {
  'sitrep-toc': () => ({ toc: { title: { text: 'Contents', style: 'h2' }, textStyle: 'tocEntry', numberStyle: 'tocEntry' } }),
  'sitrep-map': (body) => {
    const markers = (JSON.parse(body) as MapMarker[]).filter((m) => Number.isFinite(m.lat) && Number.isFinite(m.lon));
    if (markers.length === 0) return { text: 'No event in this section has known coordinates.', style: 'paragraph' };
    return { svg: mapSvg(markers, CONTENT_WIDTH, 300), width: CONTENT_WIDTH, margin: [0, 2, 0, 10] };
  },
};

export function renderBlocks(nodes: BlockNode[]): Content[] {
  return nodes.flatMap((node) => {
    const rule = blockRules[node.type];
    if (!rule) return node.children.length > 0 ? renderBlocks(node.children) : [];
    const out = rule(node);
    return Array.isArray(out) ? out : [out];
  });
}

// Tight list items hold "hidden" paragraphs: their inline content stands alone.
function renderItem(item: BlockNode): Content {
  const blocks = renderBlocks(item.children);
  return blocks.length === 1 ? blocks[0]! : { stack: blocks };
}

function renderTable(node: BlockNode): ContentTable {
  const rows = node.children.flatMap((section) => section.children);
  const headerRows = node.children.find((c) => c.type === 'thead')?.children.length ?? 0;
  const body: TableCell[][] = rows.map((row) =>
    row.children.map((cell) => {
      const text = inlineText(inlineOf(cell));
      // Short cells (dates, numbers, grades) stay on one line.
      return { text: renderInlines(inlineOf(cell)), style: cell.type === 'th' ? 'tableHeader' : 'tableCell', noWrap: text.length <= 12 && cell.type !== 'th' };
    }),
  );
  const columns = body[0]?.length ?? 1;
  // The column with the most text takes the free width; the others fit their content.
  const textLength = (i: number) => rows.reduce((sum, row) => sum + inlineText(inlineOf(row.children[i] ?? row)).length, 0);
  const widest = Array.from({ length: columns }, (_, i) => i).reduce((a, b) => (textLength(b) > textLength(a) ? b : a), columns - 1);
  return {
    table: { headerRows, dontBreakRows: true, widths: Array.from({ length: columns }, (_, i) => (i === widest ? '*' : 'auto')), body },
    layout: 'lightHorizontalLines',
    style: 'table',
  };
}

function renderFootnote(node: BlockNode): Content {
  const id = (node.token.meta as { id: number }).id;
  const paragraphs = node.children.filter((c) => c.type === 'paragraph');
  const runs = paragraphs.flatMap((p, i) => [...(i > 0 ? [{ text: ' ' }] : []), ...renderInlines(inlineOf(p))]);
  return { columns: [{ text: `${id + 1}.`, width: 18, style: 'note' }, { text: runs, style: 'note', width: '*' }], columnGap: 2 };
}
