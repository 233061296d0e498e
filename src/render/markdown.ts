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

/**
 * The same Markdown as HTML, for a browser preview or a mail body. `fence` renders the directive blocks
 * (`sitrep-toc`, `sitrep-map`); everything else is markdown-it's own, which escapes all text.
 */
export function markdownToHtml(text: string, fence: (info: string, content: string) => string | null = () => null): string {
  const html = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).enable('table').use(footnote);
  const original = html.renderer.rules.fence!;
  html.renderer.rules.fence = (tokens, idx, options, env, self) => fence(tokens[idx]!.info.trim(), tokens[idx]!.content) ?? original(tokens, idx, options, env, self);
  return html.render(text);
}

export type { Token };

/** markdown-it's own escaping, for the few values written into HTML around the rendered Markdown. */
export const escapeHtml: (text: string) => string = markdown.utils.escapeHtml;
