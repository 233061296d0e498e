// New words are shaped by HarfBuzz rather than by pdfkit's fontkit: the same glyphs and positions for the text fontkit
// draws, a letter where fontkit drew a box, and a renderer that uses it.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateArticles } from '../bench/generate.js';
import { bundledFonts } from '../src/render/pdf.js';
import { renderReport } from '../src/render/document.js';
import { harfBuzzShaper } from '../src/render/pdfmake/harfbuzz.js';
import { shapedWords } from '../src/render/pdfmake/fonts.js';
import type { RenderMeta } from '../src/types.js';
import { projectRoot } from './helpers/workspace.js';

const require = createRequire(import.meta.url);
// pdfkit's own fontkit: what shaped every word before.
const fontkit = require(require.resolve('fontkit', { paths: [path.dirname(require.resolve('pdfkit'))] })) as {
  create(bytes: Buffer): { layout(text: string): { glyphs: { id: number; advanceWidth: number; codePoints: number[] }[]; positions: Record<'xAdvance' | 'yAdvance' | 'xOffset' | 'yOffset', number>[] } };
};

const faces = Object.entries(bundledFonts.Roboto);

/** Words as pdfkit cuts text to shape it: each up to and including a space or a tab. */
const wordsOf = (text: string) => text.split('\n').flatMap((line) => line.split(/(?<=[ \t])/)).filter(Boolean);

const texts = [
  ...['corpus', 'test/fixtures'].flatMap((dir) =>
    (readdirSync(path.join(projectRoot, dir), { recursive: true }) as string[])
      .filter((f) => /\.(?:md|txt)$/.test(f))
      .map((f) => readFileSync(path.join(projectRoot, dir, f), 'utf8')),
  ),
  ...generateArticles(200, 11).map((a) => a.text),
  // Latin-1 letters and the punctuation of news copy, alone and against letters (kerning pairs).
  Array.from({ length: 0xff - 0xa0 }, (_, i) => String.fromCharCode(0xa1 + i)).join(' '),
  '“Quoted,” she said — ‘twice’ … 5–8 killed; «AV» To Wa Ya LT ff fi fl office Kyiv’s №5 €100 £5 °C ±3 × ÷ ½',
];
const words = [...new Set(texts.flatMap(wordsOf))];

describe('words shaped by HarfBuzz', () => {
  it('have the glyphs, advances and positions fontkit gives them, in each bundled face', () => {
    expect(words.length).toBeGreaterThan(2000);
    for (const [face, file] of faces) {
      const bytes = readFileSync(file);
      const byHarfBuzz = harfBuzzShaper(file, bytes);
      const byFontkit = fontkit.create(bytes);
      const differing = words.filter((word) => {
        const ours = byHarfBuzz(word);
        const theirs = byFontkit.layout(word);
        const glyphs = (run: typeof ours) => run.glyphs.map((g, i) => [g.id, g.advanceWidth, run.positions[i]!.xAdvance, run.positions[i]!.yAdvance, run.positions[i]!.xOffset, run.positions[i]!.yOffset]);
        return JSON.stringify(glyphs(ours)) !== JSON.stringify(glyphs(theirs));
      });
      expect(differing, face).toEqual([]);
    }
  });

  it('carry, glyph after glyph, the characters of the word', () => {
    const [, file] = faces[0]!;
    const shape = harfBuzzShaper(file, readFileSync(file));
    for (const word of [...words, 'ﬁnal', 'Ȕ', 'a\u0301', 'Ḥizb']) {
      const codePoints = shape(word).glyphs.flatMap((g) => g.codePoints);
      expect(String.fromCodePoint(...codePoints), word).toBe(word);
    }
  });

  it('draws letters fontkit drew as a box, and nothing for an invisible joiner', () => {
    const [, file] = faces[0]!;
    const bytes = readFileSync(file);
    const shape = harfBuzzShaper(file, bytes);
    const notdef = (run: { glyphs: { id: number }[] }) => run.glyphs.filter((g) => g.id === 0).length;
    // A transliterated name: H with a dot below has no glyph of its own in Roboto, but H and the dot have.
    expect(notdef(fontkit.create(bytes).layout('Ḥizb'))).toBe(1);
    expect(notdef(shape('Ḥizb'))).toBe(0);
    const joined = shape('a\u200db');
    expect(notdef(joined)).toBe(0);
    expect(joined.positions[1]!.xAdvance).toBe(0);
  });

  it('are shaped again when the font file changes under the same name', () => {
    const [[, regular], [, bold]] = faces as [[string, string], [string, string]];
    const name = path.join(projectRoot, 'out', 'replaced.ttf');
    const before = harfBuzzShaper(name, readFileSync(regular))('W');
    const after = harfBuzzShaper(name, readFileSync(bold))('W');
    expect(after.glyphs[0]!.advanceWidth).not.toBe(before.glyphs[0]!.advanceWidth);
    expect(after).toEqual(harfBuzzShaper(bold, readFileSync(bold))('W'));
  });

  it('are what the renderer lays out and writes', async () => {
    const meta: RenderMeta = {
      title: 'Names', subject: 'test', keywords: [], author: 'sitrep', classification: 'UNCLASSIFIED', footerLeft: 'TEST',
      language: 'en', creationDate: new Date(Date.UTC(2024, 0, 1)), attachment: null,
    };
    const pdf = await renderReport('Fighters of Ḥizb al-Ṭalīʿa were seen.', meta, { allowedDirs: [] });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const kept = shapedWords(bundledFonts.Roboto.normal)!;
    expect(kept['Ḥizb ']!.glyphs.map((g) => g.id)).not.toContain(0);
    expect(kept['Ḥizb ']).toEqual(expect.objectContaining({ advanceWidth: expect.any(Number) }));
  });
});
