// pdfkit shapes each word (kerning, ligatures) once per font per document, for measuring and again for writing.
// A report is several documents (its notes are measured apart), and a weekly batch many: the words shaped for one
// serve every later document set in the same font file. A shaped word is glyph ids, advances and code points,
// which the document's own font subsets as usual. New words are shaped by HarfBuzz (harfbuzz.ts). And text
// widths, measured once per process.
import { pdfmakeClass } from './classes.js';
import { harfBuzzLoads, harfBuzzShaper, type HarfBuzzRun } from './harfbuzz.js';
import { copyGlyphsUndecoded } from './subset.js';
import { glyphKey, positionKey, type Glyph, type GlyphPosition } from './keys.js';

const PdfmakeDocument = pdfmakeClass('PDFDocument');
const sharedLayouts = new Map<string, Record<string, ShapedRun>>();
const MAX_SHARED_WORDS = 100_000;
/** The face (family, bold, italics) each document's font objects were made for. */
export const fontFaces = new WeakMap<object, [string, boolean, boolean]>();
export type FontProvider = { provideFont(family: string, bold: boolean, italics: boolean): object };

export function shareFontLayouts(): void {
  type FontDocument = { fonts: Record<string, Record<string, unknown>>; getFontType(bold: boolean, italics: boolean): string };
  const provideFont = PdfmakeDocument.prototype.provideFont as (this: FontDocument, family: string, bold: boolean, italics: boolean) => { layoutCache?: Record<string, unknown> };
  PdfmakeDocument.prototype.provideFont = function (this: FontDocument, family: string, bold: boolean, italics: boolean) {
    const font = provideFont.call(this, family, bold, italics);
    // pdfmake asks for the font of every run of text: only a font first seen gets the shared words.
    if (fontFaces.has(font)) return font;
    fontFaces.set(font, [family, bold, italics]);
    copyGlyphsUndecoded((font as { subset?: unknown }).subset);
    const file = [this.fonts[family]?.[this.getFontType(bold, italics)]].flat()[0];
    // A startup snapshot's warm-up shapes its few words with pdfkit's own fontkit, in its document's own cache.
    if (typeof file !== 'string' || !font.layoutCache || !harfBuzzLoads()) return font;
    let shared = sharedLayouts.get(file);
    if (!shared || Object.keys(shared).length > MAX_SHARED_WORDS) sharedLayouts.set(file, (shared = Object.create(null) as Record<string, ShapedRun>));
    font.layoutCache = shared;
    (font as EmbeddedFont).shape = harfBuzzShaper(file, (font as EmbeddedFont).font.stream.buffer);
    shareShapedWords(Object.getPrototypeOf(font) as EmbeddedFontPrototype);
    return font;
  };
}

/** The words shaped so far in one font file (to keep them in a cache on disk). */
export function shapedWords(file: string): Readonly<Record<string, ShapedRun>> | undefined {
  return sharedLayouts.get(file);
}

// The words shaped in this thread (not read from the cache), by the shared words of their font file, until taken.
// Kept only where asked for (a weekly worker): a thread that saves its own shared words needs no second list.
let shapedHere: WeakMap<Record<string, ShapedRun>, Record<string, ShapedRun>> | null = null;

/** From now on, words shaped in this thread are listed for takeNewlyShaped. */
export function trackNewlyShaped(): void {
  shapedHere ??= new WeakMap();
}

/** The words shaped in this thread since the last call, by font file (a worker hands them on to be kept). */
export function takeNewlyShaped(): Record<string, Record<string, ShapedRun>> {
  if (!shapedHere) return {};
  const taken: Record<string, Record<string, ShapedRun>> = {};
  for (const [file, shared] of sharedLayouts) {
    const words = shapedHere.get(shared);
    if (words && Object.keys(words).length > 0) taken[file] = words;
    shapedHere.delete(shared);
  }
  return taken;
}

/**
 * Words shaped by an earlier process for this font file: they are not shaped again. Plain data already, as a
 * layout keeps them (glyph id, advance and code points, and the glyph's position).
 */
export function addShapedWords(file: string, words: Record<string, ShapedRun>): void {
  let shared = sharedLayouts.get(file);
  if (!shared) sharedLayouts.set(file, (shared = Object.create(null) as Record<string, ShapedRun>));
  for (const [word, run] of Object.entries(words)) shared[word] ??= run;
}

export interface ShapedRun {
  glyphs: Glyph[];
  positions: GlyphPosition[];
  advanceWidth: number;
}

/** What of pdfkit's EmbeddedFont is read here: its fontkit font's bytes, its scale, and what shapes its words. */
interface EmbeddedFont {
  font: { stream: { buffer: Uint8Array } };
  scale: number;
  layoutCache?: Record<string, ShapedRun>;
  shape?: (text: string) => HarfBuzzRun;
}

interface EmbeddedFontPrototype {
  layoutCached(this: EmbeddedFont, text: string): ShapedRun;
  sharesWords?: true;
}

/**
 * One word shaped as pdfkit would have it from fontkit: positions in the PDF's units (the font's times its scale),
 * each with its glyph's advance, and the word's advance their sum, added in order. Its glyphs and positions are
 * shared with the words shaped before: one object for each distinct one (pdfkit only reads them). A year of
 * reports shapes thousands of words out of a few hundred glyphs.
 */
function shape(font: EmbeddedFont & { shape: (text: string) => HarfBuzzRun }, text: string): ShapedRun {
  const { glyphs, positions } = font.shape(text);
  const scale = font.scale;
  let advanceWidth = 0;
  const scaled = positions.map((p, i) => {
    const position = { xAdvance: p.xAdvance * scale, yAdvance: p.yAdvance * scale, xOffset: p.xOffset * scale, yOffset: p.yOffset * scale, advanceWidth: glyphs[i]!.advanceWidth * scale };
    advanceWidth += position.xAdvance;
    return shared(positionObjects, positionKey(position), position);
  });
  return { glyphs: glyphs.map((g) => shared(glyphObjects, glyphKey(g), g)), positions: scaled, advanceWidth };
}

const glyphObjects = new Map<string, Glyph>();
const positionObjects = new Map<string, GlyphPosition>();

/** The object kept under this key, or this one, kept from now on. */
function shared<T>(objects: Map<string, T>, key: string, object: T): T {
  const kept = objects.get(key);
  if (kept) return kept;
  objects.set(key, object);
  return object;
}

/**
 * A word is shaped once per font file, by HarfBuzz; the documents set in that file find it in their shared words.
 * pdfkit reads only a glyph's id, advance and code points.
 */
function shareShapedWords(prototype: EmbeddedFontPrototype): void {
  if (prototype.sharesWords) return;
  prototype.sharesWords = true;
  const layoutCached = prototype.layoutCached;
  prototype.layoutCached = function (text: string): ShapedRun {
    const cache = this.layoutCache;
    if (!cache || !this.shape) return layoutCached.call(this, text);
    const cached = cache[text];
    if (cached) return cached;
    const run = (cache[text] = shape(this as Parameters<typeof shape>[0], text));
    if (shapedHere) {
      let here = shapedHere.get(cache);
      if (!here) shapedHere.set(cache, (here = Object.create(null) as Record<string, ShapedRun>));
      here[text] = run;
    }
    return run;
  };
}

// Text widths, measured once.
// pdfmake measures every run of text again on each layout (and the footnote layout makes several). A run's width
// depends only on the font, size, features and spacing.

const TextInlines = pdfmakeClass('TextInlines');
const widths = new Map<string, number>();
const MAX_WIDTHS = 200_000;

export function cacheWidths(): void {
  const widthOfText = TextInlines.prototype.widthOfText as (this: unknown, text: string, inline: WidthInline) => number;
  TextInlines.prototype.widthOfText = function (this: unknown, text: string, inline: WidthInline): number {
    const font = inline.font as { name?: string; filename?: string } | undefined;
    if (!font?.name) return widthOfText.call(this, text, inline);
    const key = `${font.name}\u0000${inline.fontSize}\u0000${inline.characterSpacing ?? 0}\u0000${inline.fontFeatures ? JSON.stringify(inline.fontFeatures) : ''}\u0000${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      width = widthOfText.call(this, text, inline);
      if (widths.size >= MAX_WIDTHS) widths.clear();
      widths.set(key, width);
    }
    return width;
  };
}

interface WidthInline {
  font?: unknown;
  fontSize: number;
  characterSpacing?: number;
  fontFeatures?: unknown;
}
