// What tells two glyphs, or two glyph positions, of a shaped word apart: one object is kept for each, in memory
// (fonts.ts) and in the cache (cache/shapes.ts). Apart from fonts.ts, which loads pdfmake: the cache needs none.

export const glyphKey = (g: { id: number; advanceWidth: number; codePoints: number[] }): string => `${g.id} ${g.advanceWidth} ${g.codePoints.join(' ')}`;

export const positionKey = (p: object): string => Object.entries(p).flat().join(' ');
