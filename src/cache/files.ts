// One corpus file -> its key and findings, or why it is skipped: read, keyed by content, then taken from the
// cache or extracted (and stored). Runs in this thread or in extraction workers, for files that are new or changed.
import type { Knowledge } from '../extract/knowledge.js';
import { extractArticle } from '../extract/index.js';
import { readCorpusFile } from '../read/corpus.js';
import type { CorpusListing, ListedFile } from '../read/listing.js';
import { articleKey, revive, type ArticleEntry, type EventTypesById } from './entries.js';
import type { EntryStore } from './packs.js';

export type FileResult = { key: string; entry: ArticleEntry; cached: boolean } | { skipped: string };

export interface FileContext {
  listing: CorpusListing;
  knowledge: Knowledge;
  /** The knowledge's event types by id, to revive cached entries with. */
  types: EventTypesById;
  knowledgeKey: string;
  /** The cache's article entries (null: no cache). */
  store: EntryStore | null;
}

export async function extractFile({ listing, knowledge, types, knowledgeKey, store }: FileContext, listed: ListedFile): Promise<FileResult> {
  const read = await readCorpusFile(listing, listed);
  if ('skipped' in read) return { skipped: read.skipped.reason };
  // Without a cache nothing is looked up by key: hashing every article would be wasted.
  const key = store ? articleKey(read.article, knowledgeKey) : '';
  if (store) {
    const cached = revive(store.get(key), types);
    if (cached) return { key, entry: cached, cached: true };
  }
  const entry: ArticleEntry = { document: read.article.document, ...extractArticle(read.article, knowledge) };
  store?.put(key, entry);
  return { key, entry, cached: false };
}
