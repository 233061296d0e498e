// What each article gives (quotes, event candidates, figures), kept on disk under a key made of the article's
// content, the data files and the extractor's version: reading an unchanged corpus again skips extraction. The
// cache only ever saves time: a missing, corrupt or unwritable entry is extracted again; deleting it breaks nothing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from './types.js';
import { extractArticle, type ArticleExtraction } from './extract/index.js';
import type { Knowledge } from './extract/knowledge.js';
import { writeAtomic } from './deliver/write.js';

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
  hits: number;
  misses: number;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

export function articleKey(article: Article, knowledgeKey: string): string {
  return hash(`${extractorFingerprint()}\u0000${knowledgeKey}\u0000${JSON.stringify(article)}`);
}

export function knowledgeKeyOf(dataFiles: string[]): string {
  return hash(dataFiles.join('\u0000'));
}

/** Each article's findings, from the cache folder where they are fresh, extracted (and stored) where not. */
export async function extractArticlesCached(
  articles: Article[],
  knowledge: Knowledge,
  cacheDir: string | null,
  knowledgeKey: string,
  stats: CacheStats = { hits: 0, misses: 0 },
): Promise<ArticleExtraction[]> {
  if (!cacheDir) return articles.map((article) => extractArticle(article, knowledge));
  const types = new Map(knowledge.eventTypes.map((t) => [t.id, t]));
  const one = async (article: Article): Promise<ArticleExtraction> => {
    const key = articleKey(article, knowledgeKey);
    const file = path.join(cacheDir, key.slice(0, 2), `${key}.json`);
    const cached = await readFile(file, 'utf8')
      .then((text) => revive(JSON.parse(text) as ArticleExtraction, types))
      .catch(() => null);
    if (cached) {
      stats.hits++;
      return cached;
    }
    stats.misses++;
    const fresh = extractArticle(article, knowledge);
    await writeAtomic(file, JSON.stringify(fresh), { sweep: false }).catch(() => undefined); // a read-only cache only costs time
    return fresh;
  };
  // A batch at a time: the disk works while articles are extracted, and memory stays bounded.
  const results: ArticleExtraction[] = [];
  for (let i = 0; i < articles.length; i += CACHE_BATCH) results.push(...(await Promise.all(articles.slice(i, i + CACHE_BATCH).map(one))));
  return results;
}

const CACHE_BATCH = 64;

/** Event types carry their trigger patterns, which JSON drops: they are looked up again by id. */
function revive(entry: ArticleExtraction, types: Map<string, Knowledge['eventTypes'][number]>): ArticleExtraction | null {
  if (!Array.isArray(entry?.quotes) || !Array.isArray(entry.candidates) || !Array.isArray(entry.figures)) return null;
  const candidates = entry.candidates.map((c) => ({ ...c, type: types.get(c.type?.id) }));
  if (candidates.some((c) => c.type === undefined)) return null;
  return { ...entry, candidates: candidates as ArticleExtraction['candidates'] };
}
