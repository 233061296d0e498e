// Text -> Markdown that prints as exactly that text. Corpus text is data, never markup.

// CommonMark lets a backslash escape any ASCII punctuation; these are the characters that can start or end markup.
const MARKDOWN_SPECIAL = /[\\`*_{}[\]<>()#+\-.!|~^&]/g;

/** Escapes `text` for use inside a Markdown paragraph, heading or table cell; line breaks become spaces. */
export function escapeMarkdown(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/\s*\n\s*/g, ' ')
    .trim() // leading spaces would make an indented code block
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}
