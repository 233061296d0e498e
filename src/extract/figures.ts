// Key figures that are not events: counts of attacks, troops, money ("66 attacks since October 17", "2,500 troops").
import type { Article, Figure } from '../types.js';
import { COUNT, COUNT_START, QUALIFIER, countValue } from './numbers.js';
import { sentencesOf } from './text.js';
import { findCasualties, type FoundCasualty } from './events/casualties.js';
import { matchesOf } from '../util/matches.js';

const UNITS = 'attacks|strikes|airstrikes|troops|soldiers|personnel|service\\s+members|forces|rockets|missiles|drones|people|civilians|refugees|fighters|militants|sites|facilities|bases|injuries|casualties|deaths|killed|wounded|villages|homes|tons|kilometres|kilometers|miles';
const FIGURE = new RegExp(`${COUNT_START}(?:${QUALIFIER}\\s+)?(\\$|€|£)?${COUNT}(?:\\s+(billion|million|thousand))?(?:\\s+(?:separate|more|additional|[\\p{L}-]+(?:ed|al|an|ic|ary)))?\\s+(${UNITS})\\b`, 'giu');
// A figure ends on its unit: a sentence without one is passed over before the full pattern runs.
const UNIT_WORD = new RegExp(`\\b(?:${UNITS})\\b`, 'i');
const FOLLOW_UP = /(?:,|\band)\s+(\d{1,3}(?:,\d{3})+|\d+)\s+(?:separate\s+times\s+)?in\s+(\p{Lu}[\p{L}-]+)/gu;
// Casualty counts of a single incident belong to its event; cumulative ones are key figures.
const CUMULATIVE = /\bsince\b|\bso far\b|\bin total\b|\baltogether\b|\bhave (?:suffered|been)\b|\bcounted\b|\bcounts\b/i;

export function extractFigures(article: Article, casualtiesIn: (sentence: string) => FoundCasualty[] = findCasualties): Figure[] {
  const figures: Omit<Figure, 'id'>[] = [];
  for (const paragraph of article.paragraphs) {
    if (paragraph.role !== 'body') continue;
    for (const { start, end } of sentencesOf(paragraph)) {
      const sentence = paragraph.text.slice(start, end).trim();
      if (!UNIT_WORD.test(sentence)) continue;
      // Asked of the sentence at most once, and only once a figure is found in it.
      let tellsOfCasualties: boolean | undefined;
      const singleIncident = () => (tellsOfCasualties ??= !CUMULATIVE.test(sentence) && casualtiesIn(sentence).length > 0);
      for (const match of matchesOf(FIGURE, sentence)) {
        const [, , currency, count, scale, unitWord] = match;
        const value = countValue(count ?? '');
        // Small counts written as words ("two facilities") are detail of an event, not key figures.
        if (value === null || (!/^\d/.test(count!) && value < 10) || (/^\d{4}$/.test(count!) && value > 1900)) continue;
        const unit = (currency ? `${currency} ${scale ?? ''}`.trim() : unitWord!.replace(/\s+/g, ' ')).toLowerCase();
        if ((/injuries|casualties|deaths|killed|wounded/.test(unit) && !CUMULATIVE.test(sentence)) || singleIncident()) continue;
        const multiplier = scale === 'billion' ? 1e9 : scale === 'million' ? 1e6 : scale === 'thousand' ? 1e3 : 1;
        figures.push({ text: sentence, value: value * multiplier, unit, document: article.document.id, paragraph: paragraph.n });
        // "66 attacks ..., 32 in Iraq and 34 in Syria": the breakdown shares the unit.
        for (const part of matchesOf(FOLLOW_UP, sentence.slice(match.index! + match[0].length)))
          figures.push({ text: sentence, value: Number(part[1]!.replace(/,/g, '')), unit: `${unit} in ${part[2]}`, document: article.document.id, paragraph: paragraph.n });
      }
    }
  }
  // The same count read twice from one paragraph (a quote and its paraphrase) is one figure.
  const unique = figures.filter((f, i) => figures.findIndex((g) => g.value === f.value && g.unit === f.unit && g.paragraph === f.paragraph) === i);
  return unique.map((f, i) => ({ ...f, id: `${article.document.id}#f${i + 1}` }));
}
