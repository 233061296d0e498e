// The extraction cache's keys and article entries: what one article gives (its document, quotes, event candidates,
// figures), stored as JSON under a key made of the article's content, the data files and the extraction rules.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article, SourceDocument } from '../types.js';
import type { ArticleExtraction } from '../extract/combine.js';
import type { FileResult } from './files.js';
import type { Knowledge } from '../extract/knowledge.js';
import { writeAtomic } from '../deliver/write.js';

/** One article's findings with the document they were found in: what an article entry holds. */
export interface ArticleEntry extends ArticleExtraction {
  document: SourceDocument;
}

export const hash = (text: string) => createHash('sha256').update(text).digest('hex');

// Set by the bundler (scripts/bundle.mjs), which computes it from dist/extract as below: the bundle has no such folder.
declare const SITREP_EXTRACTOR_FINGERPRINT: string | undefined;

/** The extraction rules themselves (their source files): when they change, older entries are not read. */
let extractorVersion: string | null = typeof SITREP_EXTRACTOR_FINGERPRINT === 'string' ? SITREP_EXTRACTOR_FINGERPRINT : null;
export function extractorFingerprint(): string {
  if (extractorVersion) return extractorVersion;
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'extract');
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.(?:ts|js)$/.test(f)).sort();
  extractorVersion = hash(files.map((f) => `${f}\u0000${readFileSync(path.join(dir, f), 'utf8')}`).join('\u0000'));
  return extractorVersion;
}

export function articleKey(article: Article, knowledgeKey: string): string {
  return hash(`${extractorFingerprint()}\u0000${knowledgeKey}\u0000${JSON.stringify(article)}`);
}

export function knowledgeKeyOf(dataFiles: string[]): string {
  return hash(dataFiles.join('\u0000'));
}

export async function readJson<T>(file: string): Promise<T | null> {
  return readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as T)
    .catch(() => null);
}

/** A read-only or full cache only costs time. Each folder is made once per process, not once per entry. */
export async function writeJson(file: string, value: unknown): Promise<void> {
  const dir = path.dirname(file);
  const text = JSON.stringify(value);
  if (madeDirs.has(dir) && (await writeAtomic(file, text, { sweep: false, mkdir: false }).then(() => true, () => false))) return;
  // A folder not made yet, or removed since: made, and the entry written again.
  await writeAtomic(file, text, { sweep: false }).then(() => madeDirs.add(dir), () => undefined);
}

const madeDirs = new Set<string>();

/**
 * An article entry as JSON: each event candidate's type is written as its id (its toJSON), as a type carries
 * patterns, which JSON drops.
 */
export function entryJson(entry: ArticleEntry): string {
  const known = entryTexts?.get(entry);
  if (known !== undefined) return known;
  const json = JSON.stringify(entry);
  entryTexts?.set(entry, json);
  return json;
}

/**
 * Each entry's JSON as the cache wrote or read it, in an extraction worker (rememberEntryJson): it hands the entries
 * of a batch over in the same words rather than writing them out again. Elsewhere nothing is kept: the strings would
 * live as long as the findings.
 */
let entryTexts: WeakMap<object, string> | null = null;

export function rememberEntryJson(): void {
  entryTexts ??= new WeakMap();
}

/** An entry read from its JSON (a revived entry writes out the same). */
export function readEntryJson(json: string): StoredEntry {
  const entry = JSON.parse(json) as StoredEntry;
  if (entry !== null && typeof entry === 'object') entryTexts?.set(entry, json);
  return entry;
}

/** Files' results as JSON, entries as entryJson writes them: how worker threads hand them over. */
export function fileResultsJson(results: FileResult[]): string {
  const items = results.map((r) => ('entry' in r ? `{"key":${JSON.stringify(r.key)},"entry":${entryJson(r.entry)},"cached":${r.cached}}` : JSON.stringify(r)));
  return `[${items.join(',')}]`;
}

export type EventTypesById = Map<string, Knowledge['eventTypes'][number]>;

export const typesById = (knowledge: Knowledge): EventTypesById => new Map(knowledge.eventTypes.map((t) => [t.id, t]));

/** An article entry as JSON gives it back: each candidate's type is its id. */
export type StoredEntry = Omit<ArticleEntry, 'candidates'> & { candidates: (Omit<ArticleEntry['candidates'][number], 'type'> & { type: string })[] };

/**
 * A stored entry made whole, in place: each candidate gets its event type again, looked up by id. Null when the
 * entry is not one (cut short, or of a type the data files no longer have).
 */
export function revive(stored: StoredEntry | null, types: EventTypesById): ArticleEntry | null {
  if (!stored?.document || !Array.isArray(stored.quotes) || !Array.isArray(stored.candidates) || !Array.isArray(stored.figures)) return null;
  for (const candidate of stored.candidates) {
    const type = types.get(candidate?.type);
    if (!type) return null;
    (candidate as unknown as ArticleEntry['candidates'][number]).type = type;
  }
  return stored as unknown as ArticleEntry;
}
