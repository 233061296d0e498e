// The Markdown dialect templates write: CommonMark, tables, footnotes. No raw HTML, no typographic rewriting.
import MarkdownIt, { type PluginSimple } from 'markdown-it';
import footnoteModule from 'markdown-it-footnote';
import type Token from 'markdown-it/lib/token.mjs';

// The plugin's bundled types describe markdown-it's CommonJS build; it is the same plugin.
const footnote = footnoteModule as unknown as PluginSimple;

/**
 * markdown-it-footnote's last rule adds each note's tokens to the document's with `tokens = tokens.concat(note)`,
 * a copy of the whole list per note: quadratic in a report's notes (a year's weekly report has hundreds). The rule
 * runs on a list whose concat appends in place: the same tokens in the same order, each copied once.
 */
class AppendingTokens extends Array<Token> {
  override concat(...items: (Token | ConcatArray<Token>)[]): Token[] {
    for (const item of items) {
      if (Array.isArray(item)) for (const token of item as Token[]) this.push(token);
      else this.push(item as Token);
    }
    return this;
  }
}

const footnotesAppendedInPlace: PluginSimple = (md) => {
  md.core.ruler.before('footnote_tail', 'footnote_tail_appending', (state) => {
    state.tokens = AppendingTokens.from(state.tokens);
  });
  md.core.ruler.after('footnote_tail', 'footnote_tail_appended', (state) => {
    state.tokens = Array.from(state.tokens);
  });
};

/** markdown-it with the dialect's rules. */
const dialect = () => new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).enable('table').use(footnote).use(footnotesAppendedInPlace);

const markdown = dialect();

export function parseMarkdown(text: string): Token[] {
  return markdown.parse(text, {});
}

/**
 * The same Markdown as HTML, for a browser preview or a mail body. `fence` renders the directive blocks
 * (`sitrep-toc`, `sitrep-map`); everything else is markdown-it's own, which escapes all text.
 */
export function markdownToHtml(text: string, fence: (info: string, content: string) => string | null = () => null): string {
  const html = dialect();
  const original = html.renderer.rules.fence!;
  html.renderer.rules.fence = (tokens, idx, options, env, self) => fence(tokens[idx]!.info.trim(), tokens[idx]!.content) ?? original(tokens, idx, options, env, self);
  return html.render(text);
}

export type { Token };

/** markdown-it's own escaping, for the few values written into HTML around the rendered Markdown. */
export const escapeHtml: (text: string) => string = markdown.utils.escapeHtml;
