// Inline tokens (text, emphasis, links, footnote references) -> pdfmake text runs.
import type { Content } from 'pdfmake/interfaces.js';
import type { Token } from './markdown.js';

interface InlineStyle {
  bold?: boolean;
  italics?: boolean;
  link?: string;
}

type Run = Exclude<Content, string> & { text: string | Run[] };

const styleRules: Record<string, (token: Token) => InlineStyle> = {
  strong_open: () => ({ bold: true }),
  em_open: () => ({ italics: true }),
  link_open: (token) => ({ link: token.attrGet('href') ?? undefined }),
};

export function renderInlines(tokens: Token[] = []): Run[] {
  const runs: Run[] = [];
  const styles: InlineStyle[] = [{}];
  const current = () => Object.assign({}, ...styles) as InlineStyle;
  for (const token of tokens) {
    const opens = styleRules[token.type];
    if (opens) styles.push(opens(token));
    else if (token.nesting === -1) styles.pop();
    else if (token.type === 'text') runs.push({ text: token.content, ...current() });
    else if (token.type === 'code_inline') runs.push({ text: token.content, style: 'code', ...current() });
    else if (token.type === 'softbreak') runs.push({ text: ' ' });
    else if (token.type === 'hardbreak') runs.push({ text: '\n' });
    else if (token.type === 'footnote_ref') {
      // Adjacent marks ("1,2") must not read as one number ("12").
      if ((runs[runs.length - 1] as { style?: string } | undefined)?.style === 'noteMark') runs.push({ text: ',\u200B', sup: true, style: 'noteMark' } as Run); // may break after the comma, never inside a number
      runs.push(footnoteMark(token));
    }
    // footnote_anchor (the ↩ link back) has no meaning on paper.
  }
  return runs;
}

/** A citation mark: superscript note number. */
function footnoteMark(token: Token): Run {
  const id = (token.meta as { id: number }).id;
  return { text: String(id + 1), sup: true, style: 'noteMark' } as Run;
}

/** Plain text of inline tokens (for bookmarks and table-of-contents entries). */
export function inlineText(tokens: Token[] = []): string {
  return tokens.map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : t.type === 'softbreak' ? ' ' : '')).join('');
}
