// Article text -> paragraphs, for plain text and for Markdown.
import MarkdownIt from 'markdown-it';

/** Plain text: blank lines separate paragraphs; so do single newlines, unless the block is hard-wrapped. */
export function splitPlainText(text: string): string[] {
  const paragraphs: string[] = [];
  for (const block of text.split(/\n[ \t]*\n/)) {
    const lines = block.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
    if (lines.length === 0) continue;
    if (isHardWrapped(lines)) paragraphs.push(lines.join(' '));
    else paragraphs.push(...lines);
  }
  return paragraphs.map(collapseSpaces);
}

// Wire copy often puts one paragraph per line; hard-wrapped text has lines of similar, modest length.
function isHardWrapped(lines: string[]): boolean {
  if (lines.length < 2) return false;
  const longest = Math.max(...lines.map((line) => line.length));
  const fullLines = lines.slice(0, -1).filter((line) => line.length >= 40).length;
  return longest <= 100 && fullLines === lines.length - 1;
}

const markdown = new MarkdownIt('commonmark');

/** Markdown: each paragraph or heading block is one paragraph of plain text. */
export function splitMarkdown(text: string): { paragraphs: string[]; headline: string | null } {
  const plain = unmarkedParagraphs(text);
  return plain ? { paragraphs: plain, headline: null } : parseMarkdown(text);
}

/** splitMarkdown by markdown-it's parse. */
export function parseMarkdown(text: string): { paragraphs: string[]; headline: string | null } {
  const paragraphs: string[] = [];
  let headline: string | null = null;
  const tokens = markdown.parse(text, {});
  tokens.forEach((token, i) => {
    if (token.type !== 'inline') return;
    const opener = tokens[i - 1];
    const plain = collapseSpaces(
      (token.children ?? [])
        .map((child) => (child.type === 'softbreak' || child.type === 'hardbreak' ? ' ' : child.content))
        .join(''),
    );
    if (plain.length === 0) return;
    if (opener?.type === 'heading_open' && opener.tag === 'h1' && headline === null && paragraphs.length === 0) headline = plain;
    paragraphs.push(plain);
  });
  return { paragraphs, headline };
}

// Characters that can start markup anywhere in a line, and line starts that can open a block other than a paragraph
// (indented code, lists, headings, rules, block quotes); \r and NUL, which markdown-it rewrites.
const MARKUP_CHARACTER = /[\\`*_[\]<>&#~|\t\r\0]/;
const BLOCK_START = /^[ +\-=>\d]/;
const BLANK = /^ *$/;

/**
 * The paragraphs of a Markdown text without any markup (most news copy): its blocks of lines, joined. This is
 * what markdown-it gives for such a text (a test compares the two on generated texts), without parsing it.
 * Null when the text has anything markdown-it could read as markup.
 */
export function unmarkedParagraphs(text: string): string[] | null {
  if (MARKUP_CHARACTER.test(text)) return null;
  const paragraphs: string[] = [];
  let block: string[] = [];
  const close = () => {
    const paragraph = collapseSpaces(block.join(' '));
    if (paragraph.length > 0) paragraphs.push(paragraph);
    block = [];
  };
  for (const line of text.split('\n')) {
    if (BLANK.test(line)) close();
    else if (BLOCK_START.test(line)) return null;
    else block.push(line);
  }
  close();
  return paragraphs;
}

function collapseSpaces(text: string): string {
  // Most paragraphs have single spaces only: nothing to replace.
  return (/[\t\u00a0]| {2}/.test(text) ? text.replace(/[ \t\u00a0]+/g, ' ') : text).trim();
}
