// YAML parsing that keeps source positions, so errors can name a line and column. Most YAML read is well formed:
// js-yaml reads it (several times faster, and without loading the positional parser); the positional parser reads
// it only when a message needs a position, or when js-yaml refuses the text (for that parser's messages).
import { createRequire } from 'node:module';
import jsYaml from 'js-yaml';
import type { Document, LineCounter, Node } from 'yaml';
import { SitrepError, type Diagnostic } from '../errors.js';

const require = createRequire(import.meta.url);
const positional = () => require('yaml') as typeof import('yaml');

export interface YamlSource {
  file: string;
  /** The document with its positions (parsed the first time it is asked for). */
  parsed(): { doc: Document.Parsed; lines: LineCounter };
  /** Line offset added to every position (front matter starts after `---`). */
  lineOffset: number;
}

/** Parses YAML text; syntax errors become one diagnostic per problem. */
export function parseYaml(
  text: string,
  file: string,
  code: Diagnostic['code'],
  lineOffset = 0,
): { source: YamlSource; data: unknown } {
  const quick = quickly(text);
  if (quick.read) {
    let parsed: ReturnType<YamlSource['parsed']> | undefined;
    return { source: { file, lineOffset, parsed: () => (parsed ??= parseWithPositions(text, file, code, lineOffset)) }, data: quick.data };
  }
  const parsed = parseWithPositions(text, file, code, lineOffset);
  try {
    // A small alias budget stops "billion laughs" documents early.
    return { source: { file, lineOffset, parsed: () => parsed }, data: parsed.doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    throw new SitrepError({ code, message: `cannot expand the YAML: ${firstLine((error as Error).message)}`, file });
  }
}

/**
 * js-yaml's reading, in the schema the positional parser uses (YAML 1.2 core: no dates, no merge keys). Anchors and
 * aliases go to the positional parser, which bounds their expansion; so does anything js-yaml refuses (duplicate
 * keys, several documents, bad syntax), for a message that names the line.
 */
function quickly(text: string): { read: true; data: unknown } | { read: false } {
  if (/[&*]/.test(text)) return { read: false };
  try {
    return { read: true, data: jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) ?? null };
  } catch {
    return { read: false };
  }
}

function parseWithPositions(text: string, file: string, code: Diagnostic['code'], lineOffset: number): ReturnType<YamlSource['parsed']> {
  const { LineCounter, parseDocument } = positional();
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    throw new SitrepError({ code, message: firstLine((error as Error).message), file });
  }
  if (doc.errors.length > 0) {
    throw new SitrepError(
      doc.errors.map((error) => {
        const at = lines.linePos(error.pos[0]);
        return { code, message: firstLine(error.message), file, line: at.line + lineOffset, column: at.col };
      }),
    );
  }
  return { doc, lines };
}

/** Line and column of the node at `path` (or of its nearest existing parent). */
export function locate(source: YamlSource, path: readonly PropertyKey[], onKey = false): { line?: number; column?: number } {
  const { doc, lines } = source.parsed();
  const { isMap, isSeq } = positional();
  let node: unknown = doc.contents;
  let found: Node | null = (node as Node | null) ?? null;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      found = (onKey && key === path[path.length - 1] ? pair.key : pair.value ?? pair.key) as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      found = item;
      node = item;
    } else break;
  }
  const range = found?.range;
  if (!range) return {};
  const at = lines.linePos(range[0]);
  return { line: at.line + source.lineOffset, column: at.col };
}

function firstLine(message: string): string {
  // The parser recurses per level of nesting; a document thousands of levels deep is not a spec.
  if (/Maximum call stack/i.test(message)) return 'the YAML is nested too deeply';
  return message.split('\n')[0]!.trim();
}
