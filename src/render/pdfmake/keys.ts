// What tells two glyphs, or two glyph positions, of a shaped word apart: one object is kept for each, in memory
// (fonts.ts) and in the cache (cache/shapes.ts). Apart from fonts.ts, which loads pdfmake: the cache needs none.

/** A shaped glyph as pdfkit reads it: its id, its advance, and the characters it stands for. */
export interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** A glyph's position as pdfkit reads it when it writes text, in the PDF's units, with its glyph's advance. */
export interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** Those fields, for checking a position read back from the cache. */
export const POSITION_FIELDS = ['xAdvance', 'yAdvance', 'xOffset', 'yOffset', 'advanceWidth'] as const satisfies readonly (keyof GlyphPosition)[];

export const glyphKey = (g: Glyph): string => `${g.id} ${g.advanceWidth} ${g.codePoints.join(' ')}`;

// Named fields, not Object.entries: the key is made for every glyph a first render shapes.
export const positionKey = (p: GlyphPosition): string => `${p.xAdvance} ${p.yAdvance} ${p.xOffset} ${p.yOffset} ${p.advanceWidth}`;
