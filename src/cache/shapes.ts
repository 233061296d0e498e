// Shaped words on disk: shaping each word of a report with fontkit (kerning, ligatures) is about a third of a
// first render. The words a font file has shaped are kept in the cache folder, keyed by the font's bytes and the
// shaping code's version, so the next process starts with them. Same glyphs either way: the PDF is the same.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { addShapedWords, shapedWords, type ShapedRun } from '../render/pdfmake/fonts.js';
import { readJson, writeJson } from './entries.js';

const shaper = (() => {
  const require = createRequire(import.meta.url);
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  // A word's glyphs carry its own code points (fonts.ts): words kept by earlier versions may not.
  return `pdfmake ${version('pdfmake')}, words shaped alone`;
})();

const MAX_KEPT_WORDS = 20_000;

/** Per font file: where its words are kept, and how many were known when last read or written. */
const known = new Map<string, { entry: string; words: number }>();

/** Reads the shaped words of these font files (once per process); unreadable or damaged entries are ignored. */
export async function loadShapedWords(cacheDir: string, fontFiles: string[]): Promise<void> {
  await Promise.all(
    fontFiles
      .filter((file) => !known.has(file))
      .map(async (file) => {
        const bytes = await readFile(file).catch(() => null);
        if (!bytes) return;
        const key = createHash('sha256').update(shaper).update(bytes).digest('hex').slice(0, 32);
        const entry = path.join(cacheDir, 'shapes', `${key}.json`);
        const words = await readJson<Record<string, ShapedRun>>(entry);
        if (words && Object.values(words).every(isShapedRun)) addShapedWords(file, words);
        known.set(file, { entry, words: Object.keys(shapedWords(file) ?? {}).length });
      }),
  );
}

/** Writes the words of each font file that shaped new ones since it was read. */
export async function saveShapedWords(): Promise<void> {
  await Promise.all(
    [...known].map(async ([file, state]) => {
      const words = shapedWords(file);
      const count = words ? Object.keys(words).length : 0;
      if (!words || count <= state.words) return;
      state.words = count;
      // The first words shaped are kept (those of earlier runs first): enough for the next report, a bounded file.
      await writeJson(state.entry, count <= MAX_KEPT_WORDS ? words : Object.fromEntries(Object.entries(words).slice(0, MAX_KEPT_WORDS)));
    }),
  );
}

function isShapedRun(value: unknown): value is ShapedRun {
  const run = value as ShapedRun | null;
  return (
    typeof run?.advanceWidth === 'number' &&
    Array.isArray(run.glyphs) &&
    Array.isArray(run.positions) &&
    run.glyphs.length === run.positions.length &&
    run.glyphs.every((g) => Number.isInteger(g?.id) && typeof g.advanceWidth === 'number' && Array.isArray(g.codePoints))
  );
}
