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

function collapseSpaces(text: string): string {
  return text.replace(/[ \t\u00a0]+/g, ' ').trim();
}
