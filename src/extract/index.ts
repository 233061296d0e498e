// Articles -> Extraction: the rules of extraction run over each article.
import type { Article, Extraction } from '../types.js';
import { emptyAliases, type AliasTable } from './aliases.js';
import { extractQuotes } from './quotes/index.js';

export interface ExtractOptions {
  aliases: AliasTable;
}

export function extract(articles: Article[], options: ExtractOptions = { aliases: emptyAliases }): Extraction {
  const isKnownGroup = (name: string) => {
    const kind = options.aliases.kindOf(name);
    return kind !== null && kind !== 'person';
  };
  return {
    documents: articles.map((a) => a.document),
    quotes: articles.flatMap((article) => extractQuotes(article, { isKnownGroup })),
    events: [],
    figures: [],
  };
}
