// Block nodes -> pdfmake content, one small rule per Markdown block type.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { BlockNode } from './tokenTree.js';
import { inlineText, renderInlines } from './inlines.js';
import { BORDER_WIDTH, drawMap, MAP_COLOURS, svgOpen, type MapMarker } from './map.js';

/** Each rule gets the node and the width text runs across (the page's, from the theme). */
type Rule = (node: BlockNode, width: number) => Content | Content[];

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
  // The marker is drawn with the item, not by pdfmake's list, whose marker stays behind when an item moves page.
  bullet_list: (node, width) => ({ stack: node.children.map((item) => listItem('•', item, width)), style: 'list' }),
  ordered_list: (node, width) => {
    const start = Number(node.token.attrGet('start') ?? 1);
    return { stack: node.children.map((item, i) => listItem(`${start + i}.`, item, width)), style: 'list' };
  },
  // Indented, not boxed: plain blocks keep every line's position known to the footnote layout.
  blockquote: (node, width) => ({ stack: renderBlocks(node.children, width - 22), style: 'quoteBlock' }),
  table: (node, width) => renderTable(node, width),
  hr: (_node, width) => ({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.5, lineColor: '#9aa5b1' }], margin: [0, 6, 0, 6] }),
  code_block: (node) => ({ text: node.token.content.replace(/\n$/, ''), style: 'code', preserveLeadingSpaces: true }),
  // Fenced blocks with a `sitrep-` info string are directives from the template, not code.
  fence: (node, width) => directives[node.token.info.trim()]?.(node.token.content, width) ?? { text: node.token.content.replace(/\n$/, ''), style: 'code', preserveLeadingSpaces: true },
};

/** The width of A4 with the default margins: what callers that do not say get. */
export const DEFAULT_WIDTH = 483;

const directives: Record<string, (body: string, width: number) => Content> = {
  'sitrep-toc': () => ({ toc: { title: { text: 'Contents', style: 'h2' }, textStyle: 'tocEntry', numberStyle: 'tocEntry' } }),
  'sitrep-map': (body, width) => {
    const markers = (JSON.parse(body) as MapMarker[]).filter((m) => Number.isFinite(m.lat) && Number.isFinite(m.lon));
    if (markers.length === 0) return { text: 'No event in this section has known coordinates.', style: 'paragraph' };
    return mapContent(drawMap(markers, width, 300));
  },
};

/**
 * The sea and the countries are drawn as pdfmake vectors, and only the names and markers as SVG over them: pdfmake
 * parses an SVG element by element, and a map's outlines run to thousands of points (about 60 ms a map).
 */
function mapContent(map: ReturnType<typeof drawMap>): Content {
  const land = { color: MAP_COLOURS.land, lineColor: MAP_COLOURS.border, lineWidth: BORDER_WIDTH };
  return {
    stack: [
      { canvas: [{ type: 'rect', x: 0, y: 0, w: map.width, h: map.height, color: MAP_COLOURS.sea }, ...map.borders.flat().map((points) => ({ type: 'polyline', points, closePath: true, ...land }))] },
      // Over the outlines: placed back at their top, without taking room of its own.
      { svg: `${svgOpen(map.width, map.height)}${map.overlay}</svg>`, width: map.width, relativePosition: { x: 0, y: -map.height } },
    ],
    unbreakable: true,
    margin: [0, 2, 0, 10],
  } as Content;
}

export function renderBlocks(nodes: BlockNode[], width = DEFAULT_WIDTH): Content[] {
  const blocks = nodes.flatMap((node) => {
    const rule = blockRules[node.type];
    if (!rule) return node.children.length > 0 ? renderBlocks(node.children, width) : [];
    const out = rule(node, width);
    return Array.isArray(out) ? out : [out];
  });
  return keepHeadingsWithNext(blocks);
}

/**
 * A heading and the block after it go together (an unbreakable stack), so no heading stands alone at the foot
 * of a page, even when the footnote layout later moves what follows it. Before a list or a table, which may span
 * pages, the heading goes with their first items only. Walked from the end, so a heading over a heading keeps both.
 */
function keepHeadingsWithNext(blocks: Content[]): Content[] {
  const out: Content[] = [];
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i] as { headlineLevel?: number };
    const next = out[0] as Record<string, unknown> | undefined;
    if (block.headlineLevel === undefined || !next) {
      out.unshift(blocks[i]!);
    } else if (Array.isArray(next.stack) && next.unbreakable !== true && next.stack.length > 1) {
      // A table keeps its header row and first row with the heading; a list its first item.
      const stack = next.stack as Content[];
      const lead = (stack[0] as { tableHeader?: boolean }).tableHeader ? 2 : 1;
      // Both parts keep the block's style (a quote's indent); the space between them goes.
      const head = { ...next, stack: stack.slice(0, lead), marginBottom: 0 } as Content;
      out.splice(0, 1, { stack: [blocks[i]!, head], unbreakable: true }, { ...next, stack: stack.slice(lead), marginTop: 0 } as Content);
    } else {
      out.splice(0, 1, { stack: [blocks[i]!, out[0]!], unbreakable: true });
    }
  }
  return out;
}

// Tight list items hold "hidden" paragraphs: their inline content stands alone.
function listItem(marker: string, item: BlockNode, width: number): Content {
  const blocks = renderBlocks(item.children, width - 20);
  return { columns: [{ text: marker, width: marker.length > 1 ? 18 : 10 }, { stack: blocks, width: '*' }], columnGap: 2, margin: [0, 0, 0, 3] };
}

/**
 * A table is laid out as one small table per row, all with the same fixed column widths: each row is then a block
 * the page layout can move whole (pdfmake cannot move a row of a table to the next page on request). The header
 * row is marked `tableHeader` and the last row `tableEnd`: the layout repeats the header on each page between them
 * (see pdfmake/tableHeaders.ts).
 */
function renderTable(node: BlockNode, width: number): Content {
  const rows = node.children.flatMap((section) => section.children);
  const body: TableCell[][] = rows.map((row) =>
    row.children.map((cell) => {
      const text = inlineText(inlineOf(cell));
      // Short cells (dates, numbers, grades) stay on one line.
      return { text: renderInlines(inlineOf(cell)), style: cell.type === 'th' ? 'tableHeader' : 'tableCell', noWrap: text.length <= 12 && cell.type !== 'th' };
    }),
  );
  const hasHeader = rows[0]?.children.some((cell) => cell.type === 'th') ?? false;
  const widths = columnWidths(rows.map((row) => row.children.map((cell) => inlineText(inlineOf(cell)))), width);
  const rowTable = (cells: TableCell[], i: number): Content => ({
    table: { widths, body: [cells], dontBreakRows: true },
    layout: rowLayout,
    unbreakable: true,
    ...(hasHeader && i === 0 ? { tableHeader: true } : {}),
    ...(i === body.length - 1 ? { tableEnd: true } : {}),
  });
  return { stack: body.map(rowTable), style: 'table' };
}

const isHeaderRow = (row: TableCell[] | undefined) => (row?.[0] as { style?: string } | undefined)?.style === 'tableHeader';

/** A strong rule under header rows, a hairline under the last row, nothing else. */
const rowLayout = {
  hLineWidth: (line: number, node: { table: { body: TableCell[][] } }) =>
    line === 0 ? 0 : isHeaderRow(node.table.body[line - 1]) ? 1 : line === node.table.body.length ? 0.5 : 0,
  hLineColor: (line: number, node: { table: { body: TableCell[][] } }) => (isHeaderRow(node.table.body[line - 1]) ? '#52606d' : '#cbd2d9'),
  vLineWidth: () => 0,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

/** Fixed widths: short columns fit their longest cell, the column with the most text takes the rest. */
function columnWidths(cells: string[][], width: number): number[] {
  const columns = Math.max(...cells.map((row) => row.length));
  const longest = Array.from({ length: columns }, (_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const total = Array.from({ length: columns }, (_, i) => cells.reduce((sum, row) => sum + (row[i] ?? '').length, 0));
  const widest = total.indexOf(Math.max(...total));
  const padding = 8;
  // Narrow columns wrap rather than take the reading column's room.
  const widths = longest.map((chars, i) => (i === widest ? 0 : Math.min(Math.max(chars, 3) * 4.6 + padding, 72)));
  widths[widest] = Math.max(60, width - widths.reduce((a, b) => a + b, 0) - columns * 8);
  return widths;
}

/** Footnote definitions (markdown-it-footnote's block) -> note number and its text runs. */
export function footnoteEntries(block: BlockNode): Map<number, Content[]> {
  const notes = new Map<number, Content[]>();
  for (const node of block.children) {
    const id = (node.token.meta as { id: number }).id;
    const paragraphs = node.children.filter((c) => c.type === 'paragraph');
    notes.set(id + 1, paragraphs.flatMap((p, i) => [...(i > 0 ? [{ text: ' ' }] : []), ...renderInlines(inlineOf(p))]));
  }
  return notes;
}
