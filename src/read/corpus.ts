// The corpus folder -> Articles: each listed file read, decoded and parsed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Article, Corpus, SkippedFile } from '../types.js';
import { readArticle, readers } from './article.js';
import { cleanText, decodeText } from './decode.js';
import { manifestEntry } from './manifest.js';
import { inBatches, listCorpus, type CorpusListing, type ListedFile } from './listing.js';

/** Larger files are data dumps, not articles: reading them would only make a report slow and wrong. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;
export const MAX_PARAGRAPH_CHARS = 30_000;

export async function readCorpus(root: string, origin?: { file: string; line?: number; column?: number }): Promise<Corpus> {
  const listing = await listCorpus(root, origin);
  const results = await inBatches(listing.files, (file) => readCorpusFile(listing, file));
  const articles = results.flatMap((r) => ('article' in r ? [r.article] : []));
  const skipped = results.flatMap((r) => ('skipped' in r ? [r.skipped] : []));
  return { root, articles, skipped };
}

function readBytes(file: string): Buffer | { error: string } {
  try {
    return readFileSync(file);
  } catch (error) {
    return { error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}

/** One listed file -> its Article, or why it is skipped. */
export async function readCorpusFile(listing: CorpusListing, { file, size }: ListedFile): Promise<{ article: Article } | { skipped: SkippedFile }> {
  const skip = (reason: string) => ({ skipped: { file, reason } });
  const extension = path.extname(file).toLowerCase();
  if (!(extension in readers)) return skip(`not a text or Markdown article (${extension || 'no extension'})`);
  if (size > MAX_ARTICLE_BYTES) return skip(`${(size / 1024 / 1024).toFixed(1)} MB is more than an article (the limit is ${MAX_ARTICLE_BYTES / 1024 / 1024} MB)`);
  // Read at once: for files of a few kilobytes the four round trips of an asynchronous read cost more than the read.
  const bytes = readBytes(path.join(listing.root, file));
  const decoded = 'error' in bytes ? bytes : decodeText(bytes);
  if ('error' in decoded) return skip(decoded.error);
  const id = file.slice(0, file.length - extension.length);
  const article = readArticle(file, extension, cleanText(decoded.text), manifestEntry(listing.manifest, file, id));
  const longest = Math.max(0, ...article.paragraphs.map((p) => p.text.length));
  if (longest > MAX_PARAGRAPH_CHARS) {
    return skip(`a paragraph of ${longest.toLocaleString('en-US')} characters is not prose (the limit is ${MAX_PARAGRAPH_CHARS.toLocaleString('en-US')}); split it into paragraphs`);
  }
  return { article };
}

