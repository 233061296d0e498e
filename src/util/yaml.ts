// YAML parsing that keeps source positions, so errors can name a line and column.
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { SitrepError, type Diagnostic } from '../errors.js';

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
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
  const lines = new LineCounter();
  let doc: YamlSource["doc"];
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
  const source = { file, doc, lines, lineOffset };
  try {
    // A small alias budget stops "billion laughs" documents early.
    return { source, data: doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    throw new SitrepError({ code, message: `cannot expand the YAML: ${firstLine((error as Error).message)}`, file });
  }
}

/** Line and column of the node at `path` (or of its nearest existing parent). */
export function locate(source: YamlSource, path: readonly PropertyKey[], onKey = false): { line?: number; column?: number } {
  let node: unknown = source.doc.contents;
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
  const at = source.lines.linePos(range[0]);
  return { line: at.line + source.lineOffset, column: at.col };
}

function firstLine(message: string): string {
  // The parser recurses per level of nesting; a document thousands of levels deep is not a spec.
  if (/Maximum call stack/i.test(message)) return 'the YAML is nested too deeply';
  return message.split('\n')[0]!.trim();
}
