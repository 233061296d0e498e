// The Markdown dialect templates write: CommonMark, tables, footnotes. No raw HTML, no typographic rewriting.
import MarkdownIt, { type PluginSimple } from 'markdown-it';
import footnoteModule from 'markdown-it-footnote';
import type Token from 'markdown-it/lib/token.mjs';

// The plugin's bundled types describe markdown-it's CommonJS build; it is the same plugin.
const footnote = footnoteModule as unknown as PluginSimple;

const markdown = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).enable('table').use(footnote);

export function parseMarkdown(text: string): Token[] {
  return markdown.parse(text, {});
}

export type { Token };
