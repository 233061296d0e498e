// Metadata the text itself states: headline, byline, copyright line, an explicit publication date.
import * as chrono from 'chrono-node';
import type { IsoDate, ParagraphRole } from '../types.js';
import { packedMap } from '../util/arrays.js';

export interface InferredMetadata {
  title: string | null;
  author: string | null;
  outlet: string | null;
  published: IsoDate | null;
  roles: ParagraphRole[];
}

const BYLINE = /^by\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|al-\p{L}+))*)\s*$/iu;
const COPYRIGHT = /^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}\s*,?\s*)?(.+?)\.?\s*(?:all rights reserved\.?)?$/iu;
const TERMINAL = /[.!?:;"”’)]$/u;

/** `knownHeadline` comes from a Markdown `# heading`, which is certain. */
export function inferMetadata(paragraphs: string[], knownHeadline: string | null = null): InferredMetadata {
  const roles = packedMap(paragraphs, (): ParagraphRole => 'body');
  let title = knownHeadline;
  if (title !== null) roles[0] = 'headline';
  else if (paragraphs.length > 1 && looksLikeHeadline(paragraphs[0]!)) {
    title = paragraphs[0]!;
    roles[0] = 'headline';
  }

  let author: string | null = null;
  let outlet: string | null = null;
  paragraphs.forEach((text, i) => {
    const byline = i < 4 ? BYLINE.exec(text) : null;
    if (byline && author === null) {
      author = byline[1]!;
      roles[i] = 'byline';
      return;
    }
    const copyright = text.length < 120 ? COPYRIGHT.exec(text) : null;
    if (copyright && /©|\(c\)|copyright/i.test(text)) {
      outlet ??= copyright[1]!.trim();
      roles[i] = 'copyright';
    }
  });

  return { title, author, outlet, published: explicitDate(paragraphs.slice(0, 4)), roles };
}

function looksLikeHeadline(text: string): boolean {
  return text.length <= 160 && !TERMINAL.test(text) && text.split(/\s+/).length >= 3;
}

/** A full date (day, month and year all written out) near the top of the article. */
function explicitDate(paragraphs: string[]): IsoDate | null {
  for (const text of paragraphs) {
    if (!/\b\d{4}\b/.test(text)) continue; // no written year: nothing to find, and chrono is costly
    for (const result of chrono.strict.parse(text)) {
      const start = result.start;
      // Relative phrases ("10 days after") are certain only relative to today; ask for a written year.
      if (/\b\d{4}\b/.test(result.text) && start.isCertain('month') && start.isCertain('day')) {
        const pad = (n: number) => String(n).padStart(2, '0');
        return `${start.get('year')}-${pad(start.get('month')!)}-${pad(start.get('day')!)}`;
      }
    }
  }
  return null;
}
