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
/**
 * A measured run, kept without its font: a run holds its document's font, and the font its document, which a
 * measurement kept for a later document (a note's number, see footnotes.ts) would keep alive: the startup
 * snapshot held its warm-up document that way. The font's face is kept instead.
 */
type KeptRun = { run: object; face: [string, boolean, boolean] | undefined };
const measuredRuns = new WeakMap<object, { runs: KeptRun[]; minWidth: unknown; maxWidth: unknown }>();

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
      // Each run takes this document's font of its face.
      const fonts = (this as { pdfDocument: FontProvider }).pdfDocument;
      node._inlines = kept.runs.map(({ run, face }) => {
        const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object), run) as { font?: object };
        if (face) copy.font = fonts.provideFont(...face);
        return copy;
      });
      node._minWidth = kept.minWidth;
      node._maxWidth = kept.maxWidth;
      return node;
    }
    const measured = measureLeaf.call(this, node);
    if (!node._textRef && !dependsOnLayout(node.text) && Array.isArray(node._inlines)) {
      const runs = (node._inlines as { font?: object }[]).map((run): KeptRun => {
        const face = run.font ? fontFaces.get(run.font) : undefined;
        return { run: face ? { ...run, font: undefined } : { ...run }, face };
      });
      measuredRuns.set(key, { runs, minWidth: node._minWidth, maxWidth: node._maxWidth });
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


// Each word's style, looked up once per run of words.
// pdfmake cuts text into words and looks up twenty-odd style properties for every word, each lookup pushing the
// word's styles onto the stack and popping them. The words of one run carry the same style properties (copies of
// the run's), so a word styled like the word before it takes that word's values.

const TextInlines = pdfmakeClass('TextInlines');
const getStyleProperty = (StyleContextStack as unknown as { getStyleProperty(item: object, stack: unknown, property: string, fallback: unknown): unknown }).getStyleProperty;

// What a word's breaking gives it besides its run's style: not style.
const NOT_STYLE = new Set(['text', 'lineEnd']);
const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

interface Word extends Record<string, unknown> {
  text: string;
  font: { lineHeight(size: number): number };
  fontSize: number;
  leadingCut?: number;
  leadingIndent?: number;
  trailingCut?: number;
}

/** What pdfmake's TextInlines.measure looks up for each word. */
interface WordStyle {
  font: Word['font'];
  alignment: unknown;
  fontSize: number;
  fontFeatures: unknown;
  characterSpacing: unknown;
  color: unknown;
  decoration: unknown;
  decorationColor: unknown;
  decorationStyle: unknown;
  decorationThickness: unknown;
  background: unknown;
  link: unknown;
  linkToPage: unknown;
  linkToDestination: unknown;
  noWrap: unknown;
  opacity: unknown;
  sup: unknown;
  sub: unknown;
  lineHeight: number;
  preserveLeadingSpaces: boolean;
  preserveTrailingSpaces: boolean;
}

export function resolveWordStylesOnce(): void {
  type Measurer = { pdfDocument: FontProvider; widthOfText(text: string, word: Word): number };
  TextInlines.prototype.measure = function (this: Measurer, words: Word[], stack: unknown): Word[] {
    const first = words[0];
    if (first) {
      const leadingIndent = getStyleProperty(first, stack, 'leadingIndent', 0) as number;
      if (leadingIndent) {
        first.leadingCut = -leadingIndent;
        first.leadingIndent = leadingIndent;
      }
    }
    let previous: { own: Record<string, unknown>; style: WordStyle } | null = null;
    for (const word of words) {
      if (!previous || !sameStyle(previous.own, word)) previous = { own: { ...word }, style: wordStyle(word, stack, this.pdfDocument) };
      const style = previous.style;
      // In pdfmake's order, so that every word has the same shape.
      word.font = style.font;
      word.alignment = style.alignment;
      word.fontSize = style.fontSize;
      word.fontFeatures = style.fontFeatures;
      word.characterSpacing = style.characterSpacing;
      word.color = style.color;
      word.decoration = style.decoration;
      word.decorationColor = style.decorationColor;
      word.decorationStyle = style.decorationStyle;
      word.decorationThickness = style.decorationThickness;
      word.background = style.background;
      word.link = style.link;
      word.linkToPage = style.linkToPage;
      word.linkToDestination = style.linkToDestination;
      word.noWrap = style.noWrap;
      word.opacity = style.opacity;
      word.sup = style.sup;
      word.sub = style.sub;
      word.width = this.widthOfText(word.text, word);
      word.height = word.font.lineHeight(word.fontSize) * style.lineHeight;
      if (!word.leadingCut) word.leadingCut = 0;
      if (!style.preserveLeadingSpaces) {
        const leadingSpaces = word.text.match(LEADING);
        if (leadingSpaces) word.leadingCut += this.widthOfText(leadingSpaces[0], word);
      }
      word.trailingCut = 0;
      if (!style.preserveTrailingSpaces) {
        const trailingSpaces = word.text.match(TRAILING);
        if (trailingSpaces) word.trailingCut = this.widthOfText(trailingSpaces[0], word);
      }
    }
    return words;
  };
}

/** The same own properties, apart from the word's text and line end. */
function sameStyle(own: Record<string, unknown>, word: Word): boolean {
  let count = 0;
  for (const key in word) {
    if (NOT_STYLE.has(key)) continue;
    if (!Object.hasOwn(own, key) || own[key] !== word[key]) return false;
    count++;
  }
  for (const key in own) if (!NOT_STYLE.has(key)) count--;
  return count === 0;
}

/** pdfmake's lookups for one word, in its order (the font, then each property, then the spacing ones). */
function wordStyle(word: Word, stack: unknown, fonts: FontProvider): WordStyle {
  const look = (property: string, fallback: unknown) => getStyleProperty(word, stack, property, fallback);
  const font = fonts.provideFont(look('font', 'Roboto') as string, look('bold', false) as boolean, look('italics', false) as boolean) as Word['font'];
  const style: WordStyle = {
    font,
    alignment: look('alignment', 'left'),
    fontSize: look('fontSize', 12) as number,
    fontFeatures: look('fontFeatures', null),
    characterSpacing: look('characterSpacing', 0),
    color: look('color', 'black'),
    decoration: look('decoration', null),
    decorationColor: look('decorationColor', null),
    decorationStyle: look('decorationStyle', null),
    decorationThickness: look('decorationThickness', null),
    background: look('background', null),
    link: look('link', null),
    linkToPage: look('linkToPage', null),
    linkToDestination: look('linkToDestination', null),
    noWrap: look('noWrap', null),
    opacity: look('opacity', 1),
    sup: look('sup', false),
    sub: look('sub', false),
    lineHeight: 1,
    preserveLeadingSpaces: false,
    preserveTrailingSpaces: false,
  };
  // pdfmake's size for superscripts and subscripts.
  if (style.sup || style.sub) style.fontSize *= 0.58;
  style.lineHeight = look('lineHeight', 1) as number;
  style.preserveLeadingSpaces = look('preserveLeadingSpaces', false) as boolean;
  style.preserveTrailingSpaces = look('preserveTrailingSpaces', false) as boolean;
  return style;
}
