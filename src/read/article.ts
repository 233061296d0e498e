// One article's text + what the analyst said about it -> an Article. Pure.
import type { Article, Paragraph, Provenance, SourceDocument } from '../types.js';
import type { DocumentMetadata } from './metadataSchema.js';
import { splitFrontMatter } from './frontMatter.js';
import { inferMetadata } from './infer.js';
import { splitMarkdown, splitPlainText } from './paragraphs.js';
import { packedMap } from '../util/arrays.js';

/** Readers by file extension: text -> paragraphs (and a certain headline, if the format has one). */
export const readers: Record<string, (text: string) => { paragraphs: string[]; headline: string | null }> = {
  '.txt': (text) => ({ paragraphs: splitPlainText(text), headline: null }),
  '.text': (text) => ({ paragraphs: splitPlainText(text), headline: null }),
  '.md': splitMarkdown,
  '.markdown': splitMarkdown,
};

export function readArticle(file: string, extension: string, text: string, manifest: DocumentMetadata): Article {
  const reader = readers[extension] ?? readers['.txt']!;
  const { metadata: frontMatter, body } = splitFrontMatter(text, file);
  const { paragraphs, headline } = reader(body);
  const inferred = inferMetadata(paragraphs, headline);
  const given = { ...manifest, ...frontMatter };
  const publishedFrom: Provenance = frontMatter?.published
    ? 'front-matter'
    : manifest.published
      ? 'manifest'
      : inferred.published
        ? 'inferred'
        : 'unknown';

  const document: SourceDocument = {
    id: file.slice(0, file.length - extension.length),
    file,
    title: given.title ?? inferred.title,
    outlet: given.outlet ?? inferred.outlet,
    author: given.author ?? inferred.author,
    url: given.url ?? null,
    published: given.published ?? inferred.published,
    publishedFrom,
    reliability: given.reliability ?? null,
  };
  return { document, paragraphs: packedMap(paragraphs, (text, i): Paragraph => ({ n: i + 1, text, role: inferred.roles[i] ?? 'body' })) };
}
