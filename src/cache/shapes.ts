// Shaped words on disk: shaping each word of a report with fontkit (kerning, ligatures) is about a third of a
// first render. The words a font file has shaped are kept in the cache folder, keyed by the font's bytes and the
// shaping code's version, so the next process starts with them. Same glyphs either way: the PDF is the same.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ShapedRun } from '../render/pdfmake/fonts.js';
import { glyphKey, positionKey, POSITION_FIELDS, type Glyph, type GlyphPosition } from '../render/pdfmake/keys.js';
import { readJson, writeJson } from './entries.js';

// The renderer (pdfmake) loads with the first report: a thread that only keeps words its workers shaped needs none.
const fonts = () => import('../render/pdfmake/fonts.js');

const shaper = (() => {
  const require = createRequire(import.meta.url);
  // harfbuzzjs exports its module, not its package.json: that is found beside the module's folder.
  const packageOf = (name: string) => (name === 'harfbuzzjs' ? path.join(path.dirname(require.resolve('harfbuzzjs/dist/harfbuzz.wasm')), '..', 'package.json') : `${name}/package.json`);
  const version = (name: string) => (require(packageOf(name)) as { version: string }).version;
  // Words shaped by HarfBuzz (render/pdfmake/harfbuzz.ts), each glyph with its own code points: words kept by
  // earlier versions (shaped by fontkit) are not read.
  return `pdfmake ${version('pdfmake')}, harfbuzzjs ${version('harfbuzzjs')}, words shaped alone, packed`;
})();

const MAX_KEPT_WORDS = 20_000;

/** Per font file: where its words are kept, and how many were known when last read or written. */
const known = new Map<string, { entry: string; words: number }>();

/** Where a font file's words are kept: keyed by its bytes (null when it cannot be read). */
async function entryOf(cacheDir: string, file: string): Promise<string | null> {
  const bytes = await readFile(file).catch(() => null);
  if (!bytes) return null;
  const key = createHash('sha256').update(shaper).update(bytes).digest('hex').slice(0, 32);
  return path.join(cacheDir, 'shapes', `${key}.json`);
}

/**
 * Words as they are kept: each distinct glyph and glyph position once, and each word as its advance followed by
 * a glyph's and a position's index for each of its glyphs. A report's words use a few hundred glyphs: kept one by
 * one they took ten times the space, and as long again to read.
 */
interface PackedWords {
  glyphs: Glyph[];
  positions: GlyphPosition[];
  words: Record<string, number[]>;
}

function packWords(words: Record<string, ShapedRun>): PackedWords {
  const glyphs = new Map<string, [number, Glyph]>();
  const positions = new Map<string, [number, GlyphPosition]>();
  const indexOf = <T>(table: Map<string, [number, T]>, key: string, value: T) => {
    let at = table.get(key);
    if (!at) table.set(key, (at = [table.size, value]));
    return at[0];
  };
  const packed: Record<string, number[]> = Object.create(null);
  for (const [word, run] of Object.entries(words)) {
    const indices = [run.advanceWidth];
    run.glyphs.forEach((g, i) => {
      const position = run.positions[i]!;
      indices.push(indexOf(glyphs, glyphKey(g), g), indexOf(positions, positionKey(position), position));
    });
    packed[word] = indices;
  }
  const values = <T>(table: Map<string, [number, T]>) => [...table.values()].map(([, value]) => value);
  return { glyphs: values(glyphs), positions: values(positions), words: packed };
}

const isPosition = (p: unknown): p is GlyphPosition =>
  typeof p === 'object' && p !== null && POSITION_FIELDS.every((k) => typeof (p as GlyphPosition)[k] === 'number');

/** Packed words as runs, sharing their glyph and position objects; null when anything in them is damaged. */
function unpackWords(packed: PackedWords | null): Record<string, ShapedRun> | null {
  if (!packed || !Array.isArray(packed.glyphs) || !Array.isArray(packed.positions) || typeof packed.words !== 'object' || packed.words === null) return null;
  const { glyphs, positions } = packed;
  if (!glyphs.every((g) => Number.isInteger(g?.id) && typeof g.advanceWidth === 'number' && Array.isArray(g.codePoints))) return null;
  if (!positions.every((p) => isPosition(p))) return null;
  const words: Record<string, ShapedRun> = Object.create(null);
  for (const [word, indices] of Object.entries(packed.words)) {
    if (!Array.isArray(indices) || indices.length % 2 !== 1 || typeof indices[0] !== 'number') return null;
    const run: ShapedRun = { glyphs: [], positions: [], advanceWidth: indices[0] };
    for (let i = 1; i < indices.length; i += 2) {
      const glyph = glyphs[indices[i]!];
      const position = positions[indices[i + 1]!];
      if (!glyph || !position) return null;
      run.glyphs.push(glyph);
      run.positions.push(position);
    }
    words[word] = run;
  }
  return words;
}

/** A font file's kept words; none when the entry is missing or damaged. */
async function readWords(entry: string): Promise<Record<string, ShapedRun> | null> {
  return unpackWords(await readJson<PackedWords>(entry));
}

// The first words shaped are kept (those of earlier runs first): enough for the next report, a bounded file.
const bounded = (words: Record<string, ShapedRun>) => {
  const entries = Object.entries(words);
  return entries.length <= MAX_KEPT_WORDS ? words : Object.fromEntries(entries.slice(0, MAX_KEPT_WORDS));
};

/** Reads the shaped words of these font files (once per process); unreadable or damaged entries are ignored. */
export async function loadShapedWords(cacheDir: string, fontFiles: string[]): Promise<void> {
  const { addShapedWords, shapedWords } = await fonts();
  await Promise.all(
    fontFiles
      .filter((file) => !known.has(file))
      .map(async (file) => {
        const entry = await entryOf(cacheDir, file);
        if (!entry) return;
        const words = await readWords(entry);
        if (words) addShapedWords(file, words);
        known.set(file, { entry, words: Object.keys(shapedWords(file) ?? {}).length });
      }),
  );
}

/** Writes the words of each font file that shaped new ones since it was read. */
export async function saveShapedWords(): Promise<void> {
  const { shapedWords } = await fonts();
  await Promise.all(
    [...known].map(async ([file, state]) => {
      const words = shapedWords(file);
      const count = words ? Object.keys(words).length : 0;
      if (!words || count <= state.words) return;
      state.words = count;
      await writeJson(state.entry, packWords(bounded(words)));
    }),
  );
}

/**
 * Adds words shaped elsewhere (by worker threads, which keep none) to each font file's entry, after those it has.
 * Written once, when the batch is done: the next batch starts with them.
 */
export async function keepShapedWords(cacheDir: string, shaped: Map<string, Record<string, ShapedRun>>): Promise<void> {
  await Promise.all(
    [...shaped].map(async ([file, words]) => {
      const entry = await entryOf(cacheDir, file);
      if (!entry) return;
      const kept: Record<string, ShapedRun> = Object.assign(Object.create(null), await readWords(entry));
      const before = Object.keys(kept).length;
      if (before >= MAX_KEPT_WORDS) return;
      for (const [word, run] of Object.entries(words)) kept[word] ??= run;
      if (Object.keys(kept).length > before) await writeJson(entry, packWords(bounded(kept)));
    }),
  );
}
