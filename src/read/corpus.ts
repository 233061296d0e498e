// The corpus folder -> Articles. The only part of `read` that touches the file system.
import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SitrepError } from '../errors.js';
import type { Article, Corpus, SkippedFile } from '../types.js';
import { readArticle, readers } from './article.js';
import { cleanText, decodeText } from './decode.js';
import { MANIFEST_FILE, manifestEntry, parseManifest, type Manifest } from './manifest.js';

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

/** A corpus file and what the file system says of it: size, times and inode change when the file does. */
export interface ListedFile {
  file: string;
  size: number;
  signature: string;
}

export interface CorpusListing {
  root: string;
  files: ListedFile[];
  manifest: Manifest;
  /** The manifest's own signature ('' without one): it dates and names every article. */
  manifestSignature: string;
}

/** The corpus's files (sorted) with their signatures, and its manifest, without reading any article. */
export async function listCorpus(root: string, origin?: { file: string; line?: number; column?: number }): Promise<CorpusListing> {
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    throw new SitrepError({
      code: 'CorpusNotFound',
      message: `corpus folder not found: ${root}`,
      file: origin?.file,
      line: origin?.line,
      column: origin?.column,
    });
  }
  const manifestFile = path.join(root, MANIFEST_FILE);
  const manifestInfo = await stat(manifestFile).catch(() => null);
  const manifest = await readManifest(manifestFile);
  const names = await listFiles(root);
  const files = (
    await inBatches(names, async (file) => {
      const fileInfo = await stat(path.join(root, file)).catch(() => null);
      return { file, size: fileInfo?.size ?? 0, signature: fileInfo ? signatureOf(fileInfo) : '' };
    })
  ).filter((f) => f.signature !== '');
  return { root, files, manifest, manifestSignature: manifestInfo ? signatureOf(manifestInfo) : '' };
}

function signatureOf(info: Stats): string {
  return `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`;
}

/** A batch at a time: the disk works while the previous batch is parsed, and open files stay few. */
export async function inBatches<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += READ_BATCH) results.push(...(await Promise.all(items.slice(i, i + READ_BATCH).map(run))));
  return results;
}

const READ_BATCH = 64;

/** One listed file -> its Article, or why it is skipped. */
export async function readCorpusFile(listing: CorpusListing, { file, size }: ListedFile): Promise<{ article: Article } | { skipped: SkippedFile }> {
  const skip = (reason: string) => ({ skipped: { file, reason } });
  const extension = path.extname(file).toLowerCase();
  if (!(extension in readers)) return skip(`not a text or Markdown article (${extension || 'no extension'})`);
  if (size > MAX_ARTICLE_BYTES) return skip(`${(size / 1024 / 1024).toFixed(1)} MB is more than an article (the limit is ${MAX_ARTICLE_BYTES / 1024 / 1024} MB)`);
  const bytes = await readFile(path.join(listing.root, file)).catch((error: NodeJS.ErrnoException) => ({ error: `cannot be read (${error.code ?? error.message})` }));
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

async function readManifest(file: string): Promise<Manifest> {
  const text = await readFile(file, 'utf8').catch(() => null);
  return text === null ? new Map() : parseManifest(text, file);
}

/** Files below `root`, relative and with `/` separators, sorted so that output does not depend on the file system. */
async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => file !== MANIFEST_FILE && !file.split('/').some((part) => part.startsWith('.')))
    .sort();
}
