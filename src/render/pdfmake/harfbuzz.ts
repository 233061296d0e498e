// New words are shaped by HarfBuzz (harfbuzzjs's WebAssembly build), not by fontkit, which pdfkit would use.
// In a fresh process fontkit took about 0.18 ms a word (a shaping plan made again for each word, its font tables
// read piece by piece the first time), HarfBuzz about 0.02. For the text fontkit draws, both give the same glyphs
// and positions (test/harfbuzz.test.ts); where fontkit finds no glyph (Ḥ, ṭ: a base and a mark in the font, no
// precomposed glyph) or draws an invisible character (a zero-width joiner) as a box, HarfBuzz draws the letter or
// nothing. harfbuzzjs's own JavaScript waits for the module with a top-level await, which the startup snapshot's
// script cannot hold: HarfBuzz's C functions are called here instead, on the module its package ships.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The functions of HarfBuzz's C interface used here, as the WebAssembly module exports them. */
interface HarfBuzzExports {
  memory: WebAssembly.Memory;
  __wasm_call_ctors(): void;
  malloc(bytes: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_font_create(face: number): number;
  hb_font_destroy(font: number): void;
  hb_font_get_glyph_h_advance(font: number, glyph: number): number;
  hb_buffer_create(): number;
  hb_buffer_clear_contents(buffer: number): void;
  hb_buffer_add_utf16(buffer: number, text: number, length: number, offset: number, itemLength: number): void;
  hb_buffer_guess_segment_properties(buffer: number): void;
  hb_buffer_get_length(buffer: number): number;
  hb_buffer_get_glyph_infos(buffer: number, length: number): number;
  hb_buffer_get_glyph_positions(buffer: number, length: number): number;
  hb_shape(font: number, buffer: number, features: number, featureCount: number): void;
}

// hb_memory_mode_t: HarfBuzz reads the font where it was copied to, and may change it in place.
const MEMORY_MODE_WRITABLE = 2;
// hb_glyph_info_t and hb_glyph_position_t: five 32-bit fields each.
const INFO_FIELDS = 5;
const WASM_PAGE = 65_536;

/** A word shaped, in the font's units: each glyph with its advance and the characters it stands for. */
export interface HarfBuzzRun {
  glyphs: { id: number; advanceWidth: number; codePoints: number[] }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
}

let instance: { hb: HarfBuzzExports; buffer: number; text: { pointer: number; capacity: number } } | null = null;

function loadHarfBuzz(): NonNullable<typeof instance> {
  const require = createRequire(import.meta.url);
  const bytes = readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz.wasm'));
  let memory: WebAssembly.Memory | null = null;
  // What the module asks of its host: only to grow its memory, or to stop.
  const fail = (what: string) => () => {
    throw new Error(`HarfBuzz ${what}`);
  };
  const imports = {
    env: {
      _abort_js: fail('aborted'),
      _emscripten_runtime_keepalive_clear: () => undefined,
      _setitimer_js: () => 0,
      emscripten_resize_heap: (requested: number) => {
        try {
          memory!.grow(Math.ceil((requested - memory!.buffer.byteLength) / WASM_PAGE));
          return 1;
        } catch {
          return 0;
        }
      },
    },
    wasi_snapshot_preview1: { proc_exit: fail('exited') },
  };
  const hb = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports as unknown as HarfBuzzExports;
  memory = hb.memory;
  hb.__wasm_call_ctors();
  return { hb, buffer: hb.hb_buffer_create(), text: { pointer: 0, capacity: 0 } };
}

/** HarfBuzz's font made of a font file's bytes, and its glyphs' advances as asked for (a call into the module each). */
interface KeptFont {
  bytes: Uint8Array;
  font: number;
  advances: Map<number, number>;
  free(): void;
}

/** Per font file. */
const fonts = new Map<string, KeptFont>();

/**
 * Whether HarfBuzz can be loaded: not while a startup snapshot is built (Node gives its script no WebAssembly), and
 * a process started from the snapshot loads it when it first shapes a word.
 */
export const harfBuzzLoads = (): boolean => typeof WebAssembly === 'object';

/**
 * Shapes a word as HarfBuzz does with this font file's bytes. HarfBuzz is loaded, and given the font, when the
 * first word is shaped: a build whose words are all in the cache never loads it. A file whose bytes changed while
 * the process runs (build --watch) is read by HarfBuzz again.
 */
export function harfBuzzShaper(file: string, fontBytes: Uint8Array): (text: string) => HarfBuzzRun {
  let shapeWord: ((text: string) => HarfBuzzRun) | null = null;
  return (text) => (shapeWord ??= shaperOf(file, fontBytes))(text);
}

/** Whether HarfBuzz has been loaded in this thread. */
export const harfBuzzLoaded = (): boolean => instance !== null;

function shaperOf(file: string, fontBytes: Uint8Array): (text: string) => HarfBuzzRun {
  const loaded = (instance ??= loadHarfBuzz());
  let kept = fonts.get(file);
  if (!kept || !Buffer.from(kept.bytes.buffer, kept.bytes.byteOffset, kept.bytes.byteLength).equals(fontBytes)) {
    kept?.free();
    kept = fontOf(loaded.hb, fontBytes);
    fonts.set(file, kept);
  }
  const font = kept;
  return (text) => shape(loaded, font, text);
}

function fontOf(hb: HarfBuzzExports, fontBytes: Uint8Array): KeptFont {
  const data = hb.malloc(fontBytes.length);
  new Uint8Array(hb.memory.buffer, data, fontBytes.length).set(fontBytes);
  const blob = hb.hb_blob_create(data, fontBytes.length, MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  const font = hb.hb_font_create(face);
  return {
    bytes: fontBytes,
    font,
    advances: new Map(),
    free() {
      hb.hb_font_destroy(font);
      hb.hb_face_destroy(face);
      hb.hb_blob_destroy(blob);
      hb.free(data);
    },
  };
}

function shape({ hb, buffer, text: room }: NonNullable<typeof instance>, { font, advances }: KeptFont, text: string): HarfBuzzRun {
  if (text.length > room.capacity) {
    if (room.pointer) hb.free(room.pointer);
    room.capacity = Math.max(64, text.length * 2);
    room.pointer = hb.malloc(room.capacity * 2);
  }
  const units = new Uint16Array(hb.memory.buffer, room.pointer, text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  hb.hb_buffer_clear_contents(buffer);
  hb.hb_buffer_add_utf16(buffer, room.pointer, text.length, 0, text.length);
  // Direction, script and language from the text, as fontkit guesses them.
  hb.hb_buffer_guess_segment_properties(buffer);
  hb.hb_shape(font, buffer, 0, 0);
  const count = hb.hb_buffer_get_length(buffer);
  // Read after shaping: shaping may have grown the memory, which detaches earlier views of it.
  const infos = new Uint32Array(hb.memory.buffer, hb.hb_buffer_get_glyph_infos(buffer, 0), count * INFO_FIELDS);
  const places = new Int32Array(hb.memory.buffer, hb.hb_buffer_get_glyph_positions(buffer, 0), count * INFO_FIELDS);
  // Each glyph's cluster: where in the text its characters start. A cluster ends where the next one starts.
  const starts = new Uint32Array(count);
  for (let i = 0; i < count; i++) starts[i] = infos[i * INFO_FIELDS + 2]!;
  const ordered = starts.slice().sort();
  const run: HarfBuzzRun = { glyphs: [], positions: [] };
  for (let i = 0; i < count; i++) {
    const at = i * INFO_FIELDS;
    const id = infos[at]!;
    const start = starts[i]!;
    // A glyph stands for the characters of its cluster (a ligature for several); of several glyphs in one cluster
    // (a letter and its mark, side by side), the first carries them, as fontkit gives them.
    let codePoints: number[] = [];
    if (i === 0 || starts[i - 1] !== start) {
      let end = text.length;
      for (const next of ordered) if (next > start) { end = next; break; }
      codePoints = [...text.slice(start, end)].map((c) => c.codePointAt(0)!);
    }
    let advanceWidth = advances.get(id);
    if (advanceWidth === undefined) advances.set(id, (advanceWidth = hb.hb_font_get_glyph_h_advance(font, id)));
    run.glyphs.push({ id, advanceWidth, codePoints });
    run.positions.push({ xAdvance: places[at]!, yAdvance: places[at + 1]!, xOffset: places[at + 2]!, yOffset: places[at + 3]! });
  }
  return run;
}
