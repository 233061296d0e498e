// Articles -> Extraction: the rules of extraction run over each article, then events are merged across articles.
import type { Article, Extraction } from '../types.js';
import type { ArticleExtraction } from './combine.js';
import { emptyKnowledge, type Knowledge } from './knowledge.js';
import { extractQuotes } from './quotes/index.js';
import { eventCandidates } from './events/candidates.js';
import { combine } from './combine.js';
import { extractFigures } from './figures.js';
import { casualtyFinder } from './events/casualties.js';

export { combine, type ArticleExtraction } from './combine.js';

export function extract(articles: Article[], knowledge: Knowledge = emptyKnowledge): Extraction {
  return combine(articles.map((a) => a.document), articles.map((article) => extractArticle(article, knowledge)), knowledge);
}

export function extractArticle(article: Article, knowledge: Knowledge = emptyKnowledge): ArticleExtraction {
  const isKnownGroup = (name: string) => {
    const kind = knowledge.aliases.kindOf(name);
    return kind !== null && kind !== 'person';
  };
  const casualtiesIn = casualtyFinder();
  return {
    quotes: extractQuotes(article, { isKnownGroup }),
    candidates: eventCandidates(article, knowledge, casualtiesIn),
    figures: extractFigures(article, casualtiesIn),
  };
}
