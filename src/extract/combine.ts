// Every article's findings -> one extraction: events reported by several articles become one. Apart from the
// per-article rules (and the date parser they load), so that an unchanged corpus is merged without them.
import type { Extraction, Figure, Quote, SourceDocument } from '../types.js';
import { emptyKnowledge, type Knowledge } from './knowledge.js';
import type { EventCandidate } from './events/candidates.js';
import { clusterEvents } from './events/cluster.js';
import { flatOf } from '../util/arrays.js';

/** What one article gives on its own, before events are merged across articles (what a cache may keep). */
export interface ArticleExtraction {
  quotes: Quote[];
  candidates: EventCandidate[];
  figures: Figure[];
}

/** Every article's findings together; events reported by several articles become one. */
export function combine(documents: SourceDocument[], perArticle: ArticleExtraction[], knowledge: Knowledge = emptyKnowledge): Extraction {
  return {
    documents,
    quotes: flatOf(perArticle, (a) => a.quotes),
    events: clusterEvents(flatOf(perArticle, (a) => a.candidates), knowledge.aliases),
    figures: flatOf(perArticle, (a) => a.figures),
  };
}
