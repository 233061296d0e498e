// Articles -> Extraction: the rules of extraction run over each article, then events are merged across articles.
import type { Article, Extraction } from '../types.js';
import { emptyKnowledge, type Knowledge } from './knowledge.js';
import { extractQuotes } from './quotes/index.js';
import { eventCandidates } from './events/candidates.js';
import { clusterEvents } from './events/cluster.js';
import { extractFigures } from './figures.js';

export function extract(articles: Article[], knowledge: Knowledge = emptyKnowledge): Extraction {
  const isKnownGroup = (name: string) => {
    const kind = knowledge.aliases.kindOf(name);
    return kind !== null && kind !== 'person';
  };
  return {
    documents: articles.map((a) => a.document),
    quotes: articles.flatMap((article) => extractQuotes(article, { isKnownGroup })),
    events: clusterEvents(articles.flatMap((article) => eventCandidates(article, knowledge)), knowledge.aliases),
    figures: articles.flatMap(extractFigures),
  };
}
