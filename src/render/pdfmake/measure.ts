// pdfmake looks up some twenty style properties for every run of text, and each lookup made a closure and a Set
// for every named style on the stack; that garbage was a tenth of a report's time. The same walk, allocating only
// for a style that extends another. And each text node's runs, measured once per document (or per slot).
import { pdfmakeClass } from './classes.js';
import { fontFaces, type FontProvider } from './fonts.js';

const StyleContextStack = pdfmakeClass('StyleContextStack');

type StyleDictionary = Record<string, Record<string, unknown> & { extends?: string | string[] }>;
const isValue = (value: unknown) => value !== undefined && value !== null;

function styleValue(styles: StyleDictionary, name: string, property: string, visited?: Set<string>): unknown {
  const style = styles[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (!style.extends) return undefined;
  const seen = visited ?? new Set<string>();
  if (seen.has(name)) return undefined;
  seen.add(name);
  const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
  for (let i = parents.length - 1; i >= 0; i--) {
    if (seen.has(parents[i]!)) continue;
    const value = styleValue(styles, parents[i]!, property, seen);
    if (isValue(value)) return value;
  }
  return undefined;
}

export function lookUpStylesWithoutAllocating(): void {
  type Stack = { styleOverrides?: (string | Record<string, unknown>)[]; styleDictionary: StyleDictionary; defaultStyle?: Record<string, unknown> };
  StyleContextStack.prototype.getProperty = function (this: Stack, property: string): unknown {
    const overrides = this.styleOverrides;
    if (overrides) {
      for (let i = overrides.length - 1; i >= 0; i--) {
        const item = overrides[i]!;
        const value = typeof item === 'string' ? styleValue(this.styleDictionary, item, property) : item[property];
        if (isValue(value)) return value;
      }
    }
    return this.defaultStyle && this.defaultStyle[property];
  };
}

// Text measured once per layout run.
// pdfmake measures the whole document again before each relayout (one per page break it is asked for), and
// building a paragraph's runs is most of that time. Within one document nothing a run depends on changes, so the
// first measurement of a node is kept and fresh copies of its runs are handed out afterwards (pdfmake consumes them).
// Nodes whose text depends on the layout (page references) are measured every time.

const DocMeasure = pdfmakeClass('DocMeasure');
const measuredRuns = new WeakMap<object, { runs: object[]; minWidth: unknown; maxWidth: unknown }>();

const dependsOnLayout = (text: unknown): boolean =>
  Array.isArray(text)
    ? text.some(dependsOnLayout)
    : !!text && typeof text === 'object' && ('pageReference' in text || 'textReference' in text || dependsOnLayout((text as { text?: unknown }).text));

export function cacheMeasuredRuns(): void {
  const measureLeaf = DocMeasure.prototype.measureLeaf as (this: unknown, node: Record<string, unknown>) => Record<string, unknown>;
  DocMeasure.prototype.measureLeaf = function (this: unknown, node: Record<string, unknown>): Record<string, unknown> {
    const key = (node[MEASURE_SLOT] as object | undefined) ?? node;
    const kept = measuredRuns.get(key);
    if (kept) {
      // A run holds its document's font: one measured for another document takes this one's font of that face.
      const fonts = (this as { pdfDocument: FontProvider }).pdfDocument;
      node._inlines = kept.runs.map((run) => {
        const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object), run) as { font?: object };
        const face = copy.font ? fontFaces.get(copy.font) : undefined;
        if (face) copy.font = fonts.provideFont(...face);
        return copy;
      });
      node._minWidth = kept.minWidth;
      node._maxWidth = kept.maxWidth;
      return node;
    }
    const measured = measureLeaf.call(this, node);
    if (!node._textRef && !dependsOnLayout(node.text) && Array.isArray(node._inlines)) {
      measuredRuns.set(key, { runs: (node._inlines as object[]).map((run) => ({ ...run })), minWidth: node._minWidth, maxWidth: node._maxWidth });
    }
    return measured;
  };
}

const MEASURE_SLOT = '_measureSlot';

/**
 * Text nodes made afresh for each document (a footnote, measured apart, then drawn) share one measurement when
 * they share a slot: the same text in the same styles gives the same runs.
 */
export function measureOnce<T extends object>(node: T, slot: object): T {
  // Not enumerable: copies of the node do not carry it unless given it.
  Object.defineProperty(node, MEASURE_SLOT, { value: slot, enumerable: false, configurable: true });
  return node;
}

/** The slot a node was given, if any. */
export function measureSlotOf(node: object): object | undefined {
  return (node as Record<string, object | undefined>)[MEASURE_SLOT];
}
