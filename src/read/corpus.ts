// The corpus folder -> Articles. The only part of `read` that touches the file system.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SitrepError } from '../errors.js';
import type { Corpus, SkippedFile } from '../types.js';
import { readArticle, readers } from './article.js';
import { cleanText, decodeText } from './decode.js';
import { MANIFEST_FILE, manifestEntry, parseManifest, type Manifest } from './manifest.js';

export async function readCorpus(root: string, origin?: { file: string; line?: number; column?: number }): Promise<Corpus> {
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
  const manifest = await readManifest(root);
  const skipped: SkippedFile[] = [];
  const articles = [];
  for (const file of await listFiles(root)) {
    const extension = path.extname(file).toLowerCase();
    if (!(extension in readers)) {
      skipped.push({ file, reason: `not a text or Markdown article (${extension || 'no extension'})` });
      continue;
    }
    const decoded = decodeText(await readFile(path.join(root, file)));
    if ('error' in decoded) {
      skipped.push({ file, reason: decoded.error });
      continue;
    }
    const id = file.slice(0, file.length - extension.length);
    articles.push(readArticle(file, extension, cleanText(decoded.text), manifestEntry(manifest, file, id)));
  }
  return { root, articles, skipped };
}

async function readManifest(root: string): Promise<Manifest> {
  const file = path.join(root, MANIFEST_FILE);
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
