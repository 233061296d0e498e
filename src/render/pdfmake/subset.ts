// Font subsets without decoding every outline. fontkit's TrueType subset decodes each glyph it keeps (every point
// of its outline) only to learn whether the glyph is made of others, which the first field of the glyph's header
// says; that decoding was half of embedding a report's fonts. Here a glyph's bytes are copied as fontkit copies
// them, and only a composite glyph (whose components must be kept too) is decoded. The same font bytes come out.

/** What of fontkit's TrueType font a subset reads. */
interface TrueTypeFont {
  loca?: { offsets: number[] };
  _variationProcessor?: unknown;
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  getGlyph(id: number): { advanceWidth: number; _getMetrics(): { leftBearing: number }; _decode(): { numberOfContours: number; components: { glyphID: number; pos: number }[] } | null };
}

interface TrueTypeSubset {
  font: TrueTypeFont;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(id: number): number;
  _addGlyph(id: number): number;
  /** fontkit's own _addGlyph, kept (the tests compare the two). */
  decodingAddGlyph?: (id: number) => number;
}

/** Installs the copy on the class of this subset (pdfkit's EmbeddedFont.subset), if it is fontkit's TrueType one. */
export function copyGlyphsUndecoded(subset: unknown): void {
  const prototype = Object.getPrototypeOf(subset) as TrueTypeSubset | null;
  if (!prototype || prototype.decodingAddGlyph || typeof prototype._addGlyph !== 'function' || !(subset as TrueTypeSubset).font?.loca) return;
  const decodingAddGlyph = (prototype.decodingAddGlyph = prototype._addGlyph);
  prototype._addGlyph = function (this: TrueTypeSubset, id: number): number {
    const font = this.font;
    // A variable font's glyphs are encoded again at the instance's coordinates: fontkit's own way.
    if (font._variationProcessor || !font.loca) return decodingAddGlyph.call(this, id);
    const start = font.loca.offsets[id]!;
    const end = font.loca.offsets[id + 1]!;
    const stream = font._getTableStream('glyf');
    stream.pos += start;
    let bytes = stream.readBuffer(end - start);
    // numberOfContours, a signed 16-bit number: negative for a composite glyph.
    if (bytes.length >= 2 && ((bytes[0]! << 24) >> 16 | bytes[1]!) < 0) {
      const composite = font.getGlyph(id)._decode()!;
      bytes = new Uint8Array(bytes);
      const view = new DataView(bytes.buffer);
      for (const component of composite.components) view.setUint16(component.pos, this.includeGlyph(component.glyphID));
    }
    const glyph = font.getGlyph(id);
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
}
