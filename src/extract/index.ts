// Articles -> Extraction: the rules of extraction run over each article, then events are merged across articles.
import type { Article, Extraction, Figure, Quote, SourceDocument } from '../types.js';
import { emptyKnowledge, type Knowledge } from './knowledge.js';
import { extractQuotes } from './quotes/index.js';
import { eventCandidates, type EventCandidate } from './events/candidates.js';
import { clusterEvents } from './events/cluster.js';
import { extractFigures } from './figures.js';

/** What one article gives on its own, before events are merged across articles (what a cache may keep). */
export interface ArticleExtraction {
  quotes: Quote[];
  candidates: EventCandidate[];
  figures: Figure[];
}

export function extract(articles: Article[], knowledge: Knowledge = emptyKnowledge): Extraction {
  return combine(articles.map((a) => a.document), articles.map((article) => extractArticle(article, knowledge)), knowledge);
}

export function extractArticle(article: Article, knowledge: Knowledge = emptyKnowledge): ArticleExtraction {
  const isKnownGroup = (name: string) => {
    const kind = knowledge.aliases.kindOf(name);
    return kind !== null && kind !== 'person';
  };
  return { quotes: extractQuotes(article, { isKnownGroup }), candidates: eventCandidates(article, knowledge), figures: extractFigures(article) };
}

/** Every article's findings together; events reported by several articles become one. */
export function combine(documents: SourceDocument[], perArticle: ArticleExtraction[], knowledge: Knowledge = emptyKnowledge): Extraction {
  return {
    documents,
    quotes: perArticle.flatMap((a) => a.quotes),
    events: clusterEvents(perArticle.flatMap((a) => a.candidates), knowledge.aliases),
    figures: perArticle.flatMap((a) => a.figures),
  };
}
