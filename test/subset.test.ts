// Font subsets copy a glyph's bytes without decoding its outline: the same font program as fontkit's own way.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledFonts } from '../src/render/pdf.js';
import { copyGlyphsUndecoded } from '../src/render/pdfmake/subset.js';

const require = createRequire(import.meta.url);
// pdfkit's own fontkit: the one whose subsets are embedded.
const fontkit = require(require.resolve('fontkit', { paths: [path.dirname(require.resolve('pdfkit'))] })) as {
  create(bytes: Buffer): { numGlyphs: number; createSubset(): Subset };
};
type Subset = { includeGlyph(id: number): number; encode(): Uint8Array; _addGlyph(id: number): number; decodingAddGlyph?: (id: number) => number };

describe('font subsets', () => {
  it('are the bytes fontkit makes, composite glyphs and all, in each bundled face', () => {
    for (const file of Object.values(bundledFonts.Roboto)) {
      const bytes = readFileSync(file);
      const copied = fontkit.create(bytes).createSubset();
      copyGlyphsUndecoded(copied);
      const decoded = fontkit.create(bytes).createSubset();
      // fontkit's own way, on this subset only.
      decoded._addGlyph = Object.getPrototypeOf(decoded).decodingAddGlyph;
      expect(decoded._addGlyph).toBeTypeOf('function');
      expect(copied._addGlyph).not.toBe(decoded._addGlyph);
      // Every glyph of the font, in a scrambled order (a subset numbers glyphs as they come).
      const { numGlyphs } = fontkit.create(bytes);
      const ids = Array.from({ length: numGlyphs }, (_, i) => (i * 7919) % numGlyphs);
      for (const id of ids) expect(copied.includeGlyph(id)).toBe(decoded.includeGlyph(id));
      expect(Buffer.from(copied.encode()).equals(Buffer.from(decoded.encode())), path.basename(file)).toBe(true);
    }
  });
});
