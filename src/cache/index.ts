// Extraction results kept on disk, so that reading an unchanged corpus again costs little. In the cache folder:
//   packs/                         what each article gives (its document, quotes, event candidates, figures), keyed
//                                  by the article's content, the data files and the extraction rules (packs.ts);
//   corpora/<root>.json            the corpus's files as last seen: like git's index, a file whose size, times and
//                                  inode are unchanged is not read again, and keeps the key its content gave;
//   corpora/<root>.extraction.json the merged extraction of those files (one per corpus folder).
// The cache only ever saves time: a missing, corrupt or unwritable entry is computed again; deleting it breaks nothing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import type { Extraction, SkippedFile } from '../types.js';
import { combine } from '../extract/combine.js';
import { parseAllKnowledge, type Knowledge } from '../extract/knowledge.js';
import { inBatches, type CorpusListing, type ListedFile } from '../read/listing.js';
import { SitrepError } from '../errors.js';
import { canUseWorkers, sharedWithThisThread, workerPool, type WorkerPool } from '../util/workerPool.js';
import type { DocumentMetadata } from '../read/metadataSchema.js';
import { extractorFingerprint, hash, readJson, revive, typesById, writeJson, type ArticleEntry, type StoredEntry } from './entries.js';
import { entryStore } from './packs.js';
import type { FileContext, FileResult } from './files.js';
import { workerScript } from '../paths.js';
import { optimizeAsUsual } from '../util/tiering.js';

export { articleKey, knowledgeKeyOf } from './entries.js';

export interface CacheStats {
  /** Articles whose findings came from the cache (or whose merged extraction did). */
  hits: number;
  /** Articles extracted. */
  misses: number;
  /** Corpus files read (a file the index knows unchanged is not). */
  read: number;
}

export const newCacheStats = (): CacheStats => ({ hits: 0, misses: 0, read: 0 });

export interface CorpusExtraction {
  extraction: Extraction;
  skipped: SkippedFile[];
}

/** The corpus's files as last seen, each with its article key or the reason it was skipped. */
interface CorpusIndex {
  version: string;
  manifest: string;
  files: Record<string, { signature: string; key?: string; skipped?: string }>;
  /** The key of the merged extraction stored beside the index. */
  merged: string;
}

export interface ExtractOptions {
  /** The data folder the knowledge was read from: worker threads read it again. */
  dataDir?: string;
  /** Worker threads for many files (default: one per core; 0 or 1: this thread only). */
  workers?: number;
  /** Worker threads already started (extractionPool): used (and closed) if many files are to be extracted. */
  pool?: ExtractionPool | null;
}

/** Worker threads that extract batches of a corpus's files. */
export type ExtractionPool = WorkerPool<ExtractionJob, string>;

/** A file's result as a worker thread hands it over (fileResultsJson): its entry still to be revived. */
type StoredResult = { key: string; cached: boolean; entry: StoredEntry };

/** A batch of files of the corpus at `root`, with the manifest's entries for them. */
export interface ExtractionJob {
  root: string;
  manifest: [string, DocumentMetadata][];
  files: ListedFile[];
}

/**
 * Worker threads started before the corpus is listed, when it looks to hold enough to extract for them (no cache,
 * or none yet for this folder, and the folder's files add up to enough text): they load the extraction rules while
 * this thread reads the data files and lists the corpus. Null when they would not be used.
 */
export function extractionPool(root: string, cacheDir: string | null, options: Pick<ExtractOptions, 'dataDir' | 'workers'> = {}): ExtractionPool | null {
  const size = poolSize(options);
  if (!canUseWorkers || size < 1) return null;
  if (cacheDir && existsSync(indexFileOf(cacheDir, root))) return null;
  const { files, bytes } = estimatedSize(root);
  return worthWorkers(files, bytes, options) ? startPool(cacheDir, options.dataDir, size) : null;
}

/**
 * How many files `root` holds, and about how many bytes: the count of its entries times the mean size of a few of
 * them (nothing is read; a folder that cannot be read counts as empty, and listing it will say why).
 */
function estimatedSize(root: string): { files: number; bytes: number } {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return { files: 0, bytes: 0 };
  }
  const step = Math.max(1, Math.floor(names.length / SAMPLED_FILES));
  const sizes = names.filter((_, i) => i % step === 0).flatMap((name) => {
    const info = statSync(path.join(root, name), { throwIfNoEntry: false });
    return info?.isFile() ? [info.size] : [];
  });
  return { files: names.length, bytes: sizes.length > 0 ? (names.length * sizes.reduce((a, b) => a + b, 0)) / sizes.length : 0 };
}

const SAMPLED_FILES = 16;

/**
 * Whether extracting these files is worth worker threads. A worker costs the time to load and warm up the rules, and
 * while this thread extracts alone V8 gives its garbage collection and compilation the other cores: below about 12
 * MB of text one thread was as fast (generated articles, 1,000 to 9,000 of them: 0.8-3.6 s either way; 14,000: 5.2-5.5
 * s against 4.2-4.9 s). SITREP_WORKERS=N asks for workers from 400 files, whatever their size.
 */
function worthWorkers(files: number, bytes: number, options: Pick<ExtractOptions, 'workers'>): boolean {
  return options.workers === undefined ? bytes >= POOL_FROM_BYTES : files >= POOL_FROM;
}

/** Worker threads to extract with: one per core but this thread's, which extracts beside them (SITREP_WORKERS sets it). */
const poolSize = (options: Pick<ExtractOptions, 'workers'>) => Math.min(options.workers ?? availableParallelism() - 1, 8);

function startPool(cacheDir: string | null, dataDir: string | undefined, size: number): ExtractionPool {
  return workerPool<ExtractionJob, string>(workerScript('extractWorker'), size, { cacheDir, dataDir }, { jobsAhead: JOBS_AHEAD });
}

const indexFileOf = (cacheDir: string, root: string) => path.join(cacheDir, 'corpora', `${hash(root).slice(0, 32)}.json`);

/** A corpus's extraction, from the cache folder where it is fresh, computed (and stored) where not. */
export async function extractListing(
  listing: CorpusListing,
  knowledge: Knowledge,
  knowledgeKey: string,
  cacheDir: string | null,
  stats: CacheStats = newCacheStats(),
  options: ExtractOptions = {},
): Promise<CorpusExtraction> {
  const context: FileContext = { listing, knowledge, types: typesById(knowledge), knowledgeKey, store: cacheDir ? entryStore(cacheDir).refresh() : null };
  if (!cacheDir) {
    const results = await extractFiles(cacheDir, context, listing.files, stats, options);
    const found = results.flatMap((r) => ('entry' in r ? [r.entry] : []));
    const skipped = results.flatMap((r, i) => ('skipped' in r ? [{ file: listing.files[i]!.file, reason: r.skipped }] : []));
    return { extraction: combine(found.map((e) => e.document), found, knowledge), skipped };
  }

  const version = hash(`${extractorFingerprint()}\u0000${knowledgeKey}`);
  const indexFile = indexFileOf(cacheDir, listing.root);
  const mergedFile = indexFile.replace(/\.json$/, '.extraction.json');
  const index = await readJson<CorpusIndex>(indexFile);
  const seen = index?.version === version && index.manifest === listing.manifestSignature && typeof index.files === 'object' ? index.files : {};

  // Files as last seen keep their key unread; the others are read, keyed by their content, and extracted if new.
  const unseen = listing.files.filter((f) => seen[f.file]?.signature !== f.signature || !(seen[f.file]?.key || seen[f.file]?.skipped));
  const fresh = new Map((await extractFiles(cacheDir, context, unseen, stats, options)).map((r, i) => [unseen[i]!.file, r]));
  const entries = listing.files.map((listed): { listed: ListedFile; key?: string; skipped?: string; entry?: ArticleEntry } => {
    const r = fresh.get(listed.file);
    if (!r) return { listed, key: seen[listed.file]!.key, skipped: seen[listed.file]!.skipped };
    return 'skipped' in r ? { listed, skipped: r.skipped } : { listed, key: r.key, entry: r.entry };
  });
  const skipped = entries.flatMap((e) => (e.skipped !== undefined ? [{ file: e.listed.file, reason: e.skipped }] : []));
  const articleEntries = entries.filter((e): e is typeof e & { key: string } => e.key !== undefined);
  const spared = articleEntries.filter((e) => !e.entry);
  const mergedKey = hash(`${version}\u0000${entries.map((e) => `${e.listed.file}\u0000${e.key ?? `!${e.skipped}`}`).join('\u0000')}`);

  const saveIndex = () =>
    writeJson(indexFile, {
      version,
      manifest: listing.manifestSignature,
      files: Object.fromEntries(entries.map((e) => [e.listed.file, { signature: e.listed.signature, key: e.key, skipped: e.skipped }])),
      merged: mergedKey,
    } satisfies CorpusIndex);

  if (index?.merged === mergedKey) {
    const merged = await readJson<{ key: string; extraction: Extraction }>(mergedFile);
    if (merged?.key === mergedKey && isExtraction(merged.extraction)) {
      stats.hits += spared.length;
      if (unseen.length > 0) await saveIndex();
      return { extraction: merged.extraction, skipped };
    }
  }

  // The files the index spared: their entries, or (entry gone) the file read and extracted again.
  const kept = spared.map((e) => revive(context.store!.get(e.key), context.types));
  stats.hits += kept.filter(Boolean).length;
  const lost = spared.filter((_, i) => !kept[i]);
  const again = await extractFiles(cacheDir, context, lost.map((e) => e.listed), stats, options);
  spared.forEach((e, i) => (e.entry = kept[i] ?? undefined));
  lost.forEach((e, i) => {
    const r = again[i]!;
    // Changed under our feet since it was listed: it is read as it is on the next run.
    if ('skipped' in r || r.key !== e.key) {
      throw new SitrepError({ code: 'CorpusNotFound', message: `${path.join(listing.root, e.listed.file)} changed while the corpus was read`, hint: 'Run again.' });
    }
    e.entry = r.entry;
  });
  const found = articleEntries.map((e) => e.entry!);
  const extraction = combine(found.map((a) => a.document), found, knowledge);
  await writeJson(mergedFile, { key: mergedKey, extraction });
  await saveIndex();
  return { extraction, skipped };
}

/**
 * Files to extract from which the work is long enough to want V8's optimizing compiler as usual (util/tiering.ts).
 * Generated articles, cache empty, budget raised against V8's own: a report over 30 of them 408 -> 344 ms, over 300
 * 586 -> 469 ms; extracting 2,000, 0.85 s either way; 20,000 (one thread), 5.1 -> 5.8 s.
 */
const LONG_RUN_FILES = 2000;
/** With SITREP_WORKERS set: below this many files, starting workers costs more than it saves however small they are. */
const POOL_FROM = 400;
/** Without it: below this much text to extract, one thread is as fast (see worthWorkers). */
const POOL_FROM_BYTES = 12 * 1024 * 1024;
const POOL_BATCH = 50;
/** Batches a worker is given at once: it starts its next while this thread, busy with files of its own, has yet to answer. */
const JOBS_AHEAD = 2;
/** Files this thread extracts between two looks at the workers' answers. */
const HERE_BETWEEN_ANSWERS = 10;

/**
 * Files read, keyed and extracted (or taken from the cache): in this thread, or in worker threads when there are
 * many files and cores to share them. Reading articles and the rules that extract from them load only here, so
 * an unchanged corpus is merged without them (the date parser alone takes a quarter of a second to load).
 */
async function extractFiles(cacheDir: string | null, context: FileContext, files: ListedFile[], stats: CacheStats, options: ExtractOptions): Promise<FileResult[]> {
  stats.read += files.length;
  if (files.length === 0) return [];
  if (files.length >= LONG_RUN_FILES) optimizeAsUsual();
  // Every data file parsed before any article is extracted: a mistake in one is reported whatever the articles use.
  parseAllKnowledge(context.knowledge);
  const size = Math.min(poolSize(options), Math.ceil(files.length / POOL_BATCH) - 1);
  const { extractFile } = await import('./files.js');
  let results: FileResult[];
  if (!canUseWorkers || size < 1 || !worthWorkers(files.length, files.reduce((sum, f) => sum + f.size, 0), options)) {
    results = await inBatches(files, (file) => extractFile(context, file));
  } else {
    const { listing } = context;
    const pool = options.pool ?? startPool(cacheDir, options.dataDir, size);
    try {
      const batches = Array.from({ length: Math.ceil(files.length / POOL_BATCH) }, (_, i) => files.slice(i * POOL_BATCH, (i + 1) * POOL_BATCH));
      // Each worker holds JOBS_AHEAD batches, and is given the next one when it hands one back.
      const inWorker = async (batch: ListedFile[]): Promise<FileResult[]> => {
        const json = await pool.run({ root: listing.root, manifest: manifestFor(listing, batch), files: batch });
        return (JSON.parse(json) as (StoredResult | { skipped: string })[]).map((r) => ('entry' in r ? { ...r, entry: revive(r.entry, context.types)! } : r));
      };
      // This thread takes batches too. Every few files it lets the event loop run, so that a worker's answer is taken
      // and the worker given more at once.
      const here = async (batch: ListedFile[]): Promise<FileResult[]> => {
        const found: FileResult[] = [];
        for (const [n, file] of batch.entries()) {
          found.push(await extractFile(context, file));
          if (n % HERE_BETWEEN_ANSWERS === HERE_BETWEEN_ANSWERS - 1) await new Promise((resolve) => setImmediate(resolve));
        }
        // Written batch by batch, as the workers write theirs: while they work, not after (when they wait).
        context.store?.flush();
        return found;
      };
      const take = sharedWithThisThread(size * JOBS_AHEAD, inWorker, here);
      // A batch that fails fails the run: no thread starts another.
      let failure: { error: unknown } | null = null;
      const taken = batches.map((batch) =>
        take(() => {
          if (failure) throw failure.error;
          return batch;
        }).catch((error: unknown) => {
          failure ??= { error };
          throw error;
        }),
      );
      results = (await Promise.all(taken)).flat();
    } finally {
      // Closed at once, a pool given too: its threads' memory is not kept while the findings are merged.
      await pool.close();
    }
  }
  context.store?.flush();
  for (const r of results) if ('entry' in r) r.cached ? stats.hits++ : stats.misses++;
  return results;
}

/** The manifest's entries for a batch of files (by path or by id, as manifestEntry looks them up). */
function manifestFor(listing: CorpusListing, files: ListedFile[]): [string, DocumentMetadata][] {
  const keys = files.flatMap(({ file }) => [file, file.slice(0, file.length - path.extname(file).length)]);
  return keys.flatMap((key) => (listing.manifest.has(key) ? [[key, listing.manifest.get(key)!] as [string, DocumentMetadata]] : []));
}

function isExtraction(value: Extraction | undefined): value is Extraction {
  return Array.isArray(value?.documents) && Array.isArray(value.quotes) && Array.isArray(value.events) && Array.isArray(value.figures);
}
