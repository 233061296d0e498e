// Citations made while composing: each (document, paragraph) gets one footnote label, defined once at the end.
import type { SourceDocument, SourceRef } from '../types.js';
import { escapeMarkdown } from './escape.js';
import { formatUtc, parseUtc } from '../spec/period.js';

export class CitationRegistry {
  private readonly labels = new Map<string, SourceRef>();

  constructor(private readonly documents: Map<string, SourceDocument>) {}

  /** The Markdown footnote reference for a source, e.g. `[^s1p4]`. */
  cite(ref: SourceRef): string {
    const label = `${this.documentIndex(ref.document)}p${ref.paragraph}`;
    this.labels.set(label, ref);
    return `[^${label}]`;
  }

  /** Footnote definitions for every source cited, in citation order. */
  definitions(): string {
    return [...this.labels.entries()].map(([label, ref]) => `[^${label}]: ${escapeMarkdown(describeSource(this.documents.get(ref.document), ref))}`).join('\n\n');
  }

  private documentIndex(id: string): string {
    const index = [...this.documents.keys()].indexOf(id);
    return `s${index + 1}`;
  }
}

/** "ABC News, 22 Nov 2023, para. 4" — outlet or title, date, paragraph. */
export function describeSource(document: SourceDocument | undefined, ref: SourceRef): string {
  if (!document) return `${ref.document}, para. ${ref.paragraph}`;
  return [sourceName(document), publishedLabel(document), `para. ${ref.paragraph}`].join(', ');
}

export function sourceName(document: SourceDocument): string {
  if (document.outlet && document.title) return `${document.outlet}, “${document.title}”`;
  if (document.title) return `“${document.title}”`;
  return document.outlet ?? document.file;
}

export function publishedLabel(document: SourceDocument): string {
  const date = document.published ? parseUtc(document.published) : null;
  return date ? formatUtc(date, 'd MMM yyyy') : 'date unknown';
}
