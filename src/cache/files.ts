// One corpus file -> its key and findings, or why it is skipped: read, keyed by content, then taken from the
// cache or extracted (and stored). Runs in this thread or in extraction workers, for files that are new or changed.
import type { Knowledge } from '../extract/knowledge.js';
import { extractArticle } from '../extract/index.js';
import { readCorpusFile } from '../read/corpus.js';
import type { CorpusListing, ListedFile } from '../read/listing.js';
import { articleKey, entryFile, readEntry, revive, writeEntry, type ArticleEntry, type EventTypesById } from './entries.js';

export type FileResult = { key: string; entry: ArticleEntry; cached: boolean } | { skipped: string };

export interface FileContext {
  listing: CorpusListing;
  knowledge: Knowledge;
  /** The knowledge's event types by id, to revive cached entries with. */
  types: EventTypesById;
  knowledgeKey: string;
  cacheDir: string | null;
}

export async function extractFile({ listing, knowledge, types, knowledgeKey, cacheDir }: FileContext, listed: ListedFile): Promise<FileResult> {
  const read = await readCorpusFile(listing, listed);
  if ('skipped' in read) return { skipped: read.skipped.reason };
  // Without a cache nothing is looked up by key: hashing every article would be wasted.
  const key = cacheDir ? articleKey(read.article, knowledgeKey) : '';
  if (cacheDir) {
    const cached = revive(readEntry(entryFile(cacheDir, key)), types);
    if (cached) return { key, entry: cached, cached: true };
  }
  const entry: ArticleEntry = { document: read.article.document, ...extractArticle(read.article, knowledge) };
  if (cacheDir) writeEntry(entryFile(cacheDir, key), entry);
  return { key, entry, cached: false };
}
