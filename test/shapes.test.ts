// Shaped words kept in the cache: a later process starts with them and writes the same PDF; a damaged entry is
// shaped again. Its own file: vitest gives it a fresh module state, so no word is shaped here before the build.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { renderReport } from '../src/render/document.js';
import type { RenderMeta } from '../src/types.js';
import { flat, readPdf } from './helpers/pdfText.js';
import { builtCli, sampleBuiltElsewhere, sampleSpec, workspace } from './helpers/workspace.js';

const meta: RenderMeta = {
  title: 'Shapes', subject: 'test', keywords: [], author: 'sitrep', classification: 'UNCLASSIFIED', footerLeft: 'TEST',
  language: 'en', creationDate: new Date(Date.UTC(2024, 0, 1)), attachment: null,
};

describe('shaped words in the cache', () => {
  it('gives the same PDF with the words another process shaped, and shapes a damaged entry again', async () => {
    expect(existsSync(builtCli), 'dist/ is built (npm run build)').toBe(true);
    const cache = workspace();
    // Another process, with an empty cache: it shapes every word and keeps them.
    const first = sampleBuiltElsewhere(cache);
    expect(first.stderr).toBe('');
    const shapes = readdirSync(path.join(cache, 'shapes')).map((f) => path.join(cache, 'shapes', f));
    expect(shapes.length).toBeGreaterThan(0);
    // The largest entry (the body face) damaged: its words are shaped again; the others are read.
    const largest = shapes.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    writeFileSync(largest, JSON.stringify({ glyphs: [{ id: 1, advanceWidth: 500, codePoints: [116] }], positions: [{}], words: { the: [1, 0, 7] } }));

    const second = await buildReport(sampleSpec, { outDir: workspace(), cacheDir: cache });
    expect(Buffer.compare(readFileSync(second.file), first.pdf)).toBe(0);
    // The damaged entry was replaced by the words shaped again.
    const kept = JSON.parse(readFileSync(largest, 'utf8'));
    expect(Object.keys(kept.words).length).toBeGreaterThan(100);
    // Kept packed: each distinct glyph once, far fewer than the words' glyphs.
    const glyphsOfWords = Object.values(kept.words as Record<string, number[]>).reduce((sum, indices) => sum + (indices.length - 1) / 2, 0);
    expect(kept.glyphs.length).toBeLessThan(glyphsOfWords / 5);
  });

  it('shapes a word as the word alone gives it, whatever the process shaped before', async () => {
    // Roboto draws U+2206 (increment) and U+0394 (Greek capital delta) with one glyph. The first document reaches
    // it by the one; the second, by the other, must still carry its own character (what a reader copies).
    await renderReport('Rise: ∆T of two degrees.', meta, { allowedDirs: [] });
    const later = await renderReport('Change: ΔP across the front.', meta, { allowedDirs: [] });
    const text = flat((await readPdf(later)).pages.join('\n'));
    expect(text).toContain('ΔP');
    expect(text).not.toContain('∆');
  });
});
