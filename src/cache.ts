// Extraction results kept on disk, so that reading an unchanged corpus again costs little. In the cache folder:
//   articles/<k>/<key>.json        what one article gives (its document, quotes, event candidates, figures), keyed
//                                  by the article's content, the data files and the extraction rules;
//   corpora/<root>.json            the corpus's files as last seen: like git's index, a file whose size, times and
//                                  inode are unchanged is not read again, and keeps the key its content gave;
//   corpora/<root>.extraction.json the merged extraction of those files (one per corpus folder).
// The cache only ever saves time: a missing, corrupt or unwritable entry is computed again; deleting it breaks nothing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article, Extraction, SkippedFile, SourceDocument } from './types.js';
import { combine, type ArticleExtraction } from './extract/combine.js';
import type { Knowledge } from './extract/knowledge.js';
import { inBatches, type CorpusListing, type ListedFile } from './read/listing.js';
import { availableParallelism } from 'node:os';
import { writeAtomic } from './deliver/write.js';
import { canUseWorkers, workerPool } from './util/workerPool.js';
import { SitrepError } from './errors.js';

// Reading articles and the rules that extract from them load only when a file is new or changed: an unchanged
// corpus is merged from the cache without them (the date parser alone takes a quarter of a second to load).
const reading = () => import('./read/corpus.js');
const rules = () => import('./extract/index.js');

/** The extraction rules themselves (their source files): when they change, older entries are not read. */
let extractorVersion: string | null = null;
function extractorFingerprint(): string {
  if (extractorVersion) return extractorVersion;
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'extract');
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.(?:ts|js)$/.test(f)).sort();
  extractorVersion = hash(files.map((f) => `${f}\u0000${readFileSync(path.join(dir, f), 'utf8')}`).join('\u0000'));
  return extractorVersion;
}

export interface CacheStats {
  /** Articles whose findings came from the cache (or whose merged extraction did). */
  hits: number;
  /** Articles extracted. */
  misses: number;
  /** Corpus files read (a file the index knows unchanged is not). */
  read: number;
}

export const newCacheStats = (): CacheStats => ({ hits: 0, misses: 0, read: 0 });

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

export function articleKey(article: Article, knowledgeKey: string): string {
  return hash(`${extractorFingerprint()}\u0000${knowledgeKey}\u0000${JSON.stringify(article)}`);
}

export function knowledgeKeyOf(dataFiles: string[]): string {
  return hash(dataFiles.join('\u0000'));
}

export interface CorpusExtraction {
  extraction: Extraction;
  skipped: SkippedFile[];
}

/** One article's findings with the document they were found in: what an article entry holds. */
interface ArticleEntry extends ArticleExtraction {
  document: SourceDocument;
}

/** The corpus's files as last seen, each with its article key or the reason it was skipped. */
interface CorpusIndex {
  version: string;
  manifest: string;
  files: Record<string, { signature: string; key?: string; skipped?: string }>;
  /** The key of the merged extraction stored beside the index. */
  merged: string;
}

/** A corpus's extraction, from the cache folder where it is fresh, computed (and stored) where not. */
export async function extractListing(
  listing: CorpusListing,
  knowledge: Knowledge,
  knowledgeKey: string,
  cacheDir: string | null,
  stats: CacheStats = newCacheStats(),
  options: ExtractOptions = {},
): Promise<CorpusExtraction> {
  if (!cacheDir) {
    const read = await readFiles(listing, listing.files, stats);
    const articles = read.flatMap((r) => ('article' in r ? [r.article] : []));
    stats.misses += articles.length;
    const perArticle = await extractAll(articles, knowledge, options);
    return { extraction: combine(articles.map((a) => a.document), perArticle, knowledge), skipped: skippedOf(read) };
  }

  const version = hash(`${extractorFingerprint()}\u0000${knowledgeKey}`);
  const indexFile = path.join(cacheDir, 'corpora', `${hash(listing.root).slice(0, 32)}.json`);
  const mergedFile = indexFile.replace(/\.json$/, '.extraction.json');
  const index = await readJson<CorpusIndex>(indexFile);
  const seen = index?.version === version && index.manifest === listing.manifestSignature && typeof index.files === 'object' ? index.files : {};

  // Files as last seen keep their key unread; the others are read and keyed by their content.
  const unseen = listing.files.filter((f) => seen[f.file]?.signature !== f.signature || !(seen[f.file]?.key || seen[f.file]?.skipped));
  const fresh = new Map((await readFiles(listing, unseen, stats)).map((r, i) => [unseen[i]!.file, r]));
  const entries = listing.files.map((listed) => {
    const r = fresh.get(listed.file);
    if (!r) return { listed, key: seen[listed.file]!.key, skipped: seen[listed.file]!.skipped };
    return 'article' in r ? { listed, key: articleKey(r.article, knowledgeKey), article: r.article } : { listed, skipped: r.skipped.reason };
  });
  const skipped = entries.flatMap((e) => (e.skipped !== undefined ? [{ file: e.listed.file, reason: e.skipped }] : []));
  const articleEntries = entries.filter((e): e is typeof e & { key: string } => e.key !== undefined);
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
      stats.hits += articleEntries.length;
      if (unseen.length > 0) await saveIndex();
      return { extraction: merged.extraction, skipped };
    }
  }

  const types = new Map(knowledge.eventTypes.map((t) => [t.id, t]));
  const entryFile = (key: string) => path.join(cacheDir, 'articles', key.slice(0, 2), `${key}.json`);
  const cached = await inBatches(articleEntries, async (entry) => revive(await readJson<ArticleEntry>(entryFile(entry.key)), types));
  // Not in the cache: extracted (an article the index spared is read now), then stored.
  const missing = articleEntries.filter((_, i) => !cached[i]);
  stats.hits += articleEntries.length - missing.length;
  stats.misses += missing.length;
  const articles = await inBatches(missing, async (entry) => entry.article ?? (await articleOf(listing, entry.listed, stats)));
  const found = await extractAll(articles, knowledge, options);
  await inBatches(missing.map((entry, i) => ({ file: entryFile(entry.key), entry: found[i]! })), ({ file, entry }) => writeJson(file, entry));
  let nextFound = 0;
  const perArticle = cached.map((entry) => entry ?? found[nextFound++]!);
  const extraction = combine(perArticle.map((a) => a.document), perArticle, knowledge);
  await writeJson(mergedFile, { key: mergedKey, extraction });
  await saveIndex();
  return { extraction, skipped };
}

export interface ExtractOptions {
  /** The data folder the knowledge was read from: worker threads read it again. */
  dataDir?: string;
  /** Worker threads for many articles (default: one per core; 0 or 1: this thread only). */
  workers?: number;
}

/** Below this many articles, starting workers (a quarter of a second each) costs more than it saves. */
const POOL_FROM = 400;
const POOL_BATCH = 50;

/** Each article's findings, in worker threads when there are many articles and cores to share them. */
async function extractAll(articles: Article[], knowledge: Knowledge, options: ExtractOptions): Promise<ArticleEntry[]> {
  const size = Math.min(options.workers ?? availableParallelism(), 8, Math.ceil(articles.length / POOL_BATCH));
  if (!canUseWorkers || size < 2 || articles.length < POOL_FROM) {
    const { extractArticle } = await rules();
    return articles.map((article) => ({ document: article.document, ...extractArticle(article, knowledge) }));
  }
  const pool = workerPool<Article[], ArticleExtraction[]>(new URL('./extractWorker.js', import.meta.url), size, { dataDir: options.dataDir });
  try {
    const batches = Array.from({ length: Math.ceil(articles.length / POOL_BATCH) }, (_, i) => articles.slice(i * POOL_BATCH, (i + 1) * POOL_BATCH));
    const found = (await Promise.all(batches.map((batch) => pool.run(batch)))).flat();
    // Event types come back as copies: each finding gets this thread's type again, as from the cache.
    const types = new Map(knowledge.eventTypes.map((t) => [t.id, t]));
    return found.map((entry, i) => revive({ document: articles[i]!.document, ...entry }, types)!);
  } finally {
    await pool.close();
  }
}

async function readFiles(listing: CorpusListing, files: ListedFile[], stats: CacheStats) {
  stats.read += files.length;
  if (files.length === 0) return [];
  const { readCorpusFile } = await reading();
  return inBatches(files, (file) => readCorpusFile(listing, file));
}

/** A file the index said was an article, read again because its entry is gone. */
async function articleOf(listing: CorpusListing, listed: ListedFile, stats: CacheStats): Promise<Article> {
  const [read] = await readFiles(listing, [listed], stats);
  if (read && 'article' in read) return read.article;
  // Changed under our feet since it was listed: it is read as it is on the next run.
  throw new SitrepError({ code: 'CorpusNotFound', message: `${path.join(listing.root, listed.file)} changed while the corpus was read`, hint: 'Run again.' });
}

function skippedOf(read: ({ article: Article } | { skipped: SkippedFile })[]): SkippedFile[] {
  return read.flatMap((r) => ('skipped' in r ? [r.skipped] : []));
}

async function readJson<T>(file: string): Promise<T | null> {
  return readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as T)
    .catch(() => null);
}

/** A read-only or full cache only costs time. */
async function writeJson(file: string, value: unknown): Promise<void> {
  await writeAtomic(file, JSON.stringify(value), { sweep: false }).catch(() => undefined);
}

function isExtraction(value: Extraction | undefined): value is Extraction {
  return Array.isArray(value?.documents) && Array.isArray(value.quotes) && Array.isArray(value.events) && Array.isArray(value.figures);
}

/** Event types carry their trigger patterns, which JSON drops: they are looked up again by id. */
function revive(entry: ArticleEntry | null, types: Map<string, Knowledge['eventTypes'][number]>): ArticleEntry | null {
  if (!entry?.document || !Array.isArray(entry.quotes) || !Array.isArray(entry.candidates) || !Array.isArray(entry.figures)) return null;
  const candidates = entry.candidates.map((c) => ({ ...c, type: types.get(c.type?.id) }));
  if (candidates.some((c) => c.type === undefined)) return null;
  return { ...entry, candidates: candidates as ArticleExtraction['candidates'] };
}
