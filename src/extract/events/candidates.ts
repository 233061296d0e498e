// Article -> event candidates: one per sentence that reports something happening, with its date, place,
// actors and casualties. Candidates of the same event are merged afterwards (cluster.ts).
import type { Article, Casualty, DatePrecision, IsoDate, Place, Speaker } from '../../types.js';
import { nameKey } from '../aliases.js';
import type { Knowledge, EventType } from '../knowledge.js';
import { mainClause, sentencesOf, subordinateClause, withoutCompoundAdjectives, withoutDateline } from '../text.js';
import { mentionIn, speakerAfter } from '../quotes/attribution.js';
import { findActors, introducedAcronyms } from './actors.js';
import { findCasualties, type FoundCasualty } from './casualties.js';
import { resolveDate, weekBefore, type ResolvedDate } from './dates.js';
import { dayAnchor } from './dayAnchor.js';
import { findPlace } from './places.js';
import { packedMap } from '../../util/arrays.js';

export interface EventCandidate {
  document: string;
  paragraph: number;
  sentence: string;
  type: EventType;
  date: IsoDate | null;
  dateEnd: IsoDate | null;
  precision: DatePrecision;
  /** True when the sentence itself dates the event; otherwise the date is the article's week. */
  dated: boolean;
  /** In the first two body paragraphs: what the article is about. */
  lead: boolean;
  place: Place | null;
  actors: string[];
  casualties: Casualty[];
}

const VIOLENT_GROUPS = new Set(['Explosions/Remote violence', 'Battles', 'Violence against civilians']);

// Sentences about what generally happens, or will, are not events.
const NOT_AN_EVENT = /\b(?:generally|usually|typically|would|will|could|might|may|if|whether)\b/i;
// Counts over a period ("attacked 66 times since October 17") are key figures, not one event.
const CUMULATIVE = /\b(?:since|so far|to date|in total|altogether)\b/i;
// "After weeks of attacks, the United States struck ...": the opening clause is background.
const LEADING_ADVERBIAL = /^\s*(?:after|following|before|despite|amid|in response to|in retaliation for)\b[^,]*,\s*/i;

export function eventCandidates(article: Article, knowledge: Knowledge, casualtiesIn: (clause: string) => FoundCasualty[] = findCasualties): EventCandidate[] {
  const { document } = article;
  const fullText = packedMap(article.paragraphs, (p) => p.text).join('\n');
  const acronyms = introducedAcronyms(fullText);
  const isActor = (name: string) => knowledge.aliases.canonical(name) !== null || acronyms.has(name);
  const candidates: EventCandidate[] = [];
  const { published } = document;
  // The day the article last gave (dayAnchor.ts); an article with no date gives none.
  const anchor = dayAnchor((text, before) => (published ? resolveDate(text, published, before) : null));
  // The week before publication dates a report when the article gave no day before it: worked out once.
  let publicationWeek: readonly [IsoDate, IsoDate] | null | undefined;
  const firstBody = article.paragraphs.find((p) => p.role === 'body')?.n ?? 1;

  for (const paragraph of article.paragraphs) {
    if (paragraph.role !== 'body') continue;
    for (const { start, end } of sentencesOf(paragraph)) {
      const sentence = withoutDateline(paragraph.text.slice(start, end));
      const trigger = earliestType(sentence, knowledge.eventTypes);
      if (!trigger || NOT_AN_EVENT.test(withoutQuotes(sentence)) || CUMULATIVE.test(sentence)) {
        anchor.defer(sentence);
        continue;
      }
      const clause = mainClause(sentence, trigger.index);
      // A sentence that reports an event is dated by its main clause: "including the one on November 21" dates another event.
      const resolved = anchor.read(clause);
      const isLead = paragraph.n <= firstBody + 1;
      const main = candidateFrom(clause, sentence, trigger, resolved, isLead);
      if (main) candidates.push(main);
      // "Strikes ... in response to militants launching missiles at al-Asad": the earlier event is reported too.
      const earlier = subordinateClause(sentence, trigger.index);
      const earlierTrigger = earlier ? earliestType(earlier, knowledge.eventTypes) : null;
      if (earlier && earlierTrigger) {
        const secondary = candidateFrom(mainClause(earlier, earlierTrigger.index), sentence, earlierTrigger, null, false);
        // An aside needs a named place or a count of its own to stand as an event.
        if (secondary && (secondary.casualties.length > 0 || (secondary.place && secondary.place.name !== secondary.place.country))) candidates.push(secondary);
      }
    }

    function candidateFrom(clause: string, sentence: string, trigger: { type: EventType; index: number }, resolved: ResolvedDate | null, isLead: boolean): EventCandidate | null {
      const place = findPlace(clause, knowledge.gazetteer, isActor, Math.min(trigger.index, clause.length));
      const found = casualtiesIn(clause);
      const actors = findActors(withoutCompoundAdjectives(clause), knowledge.aliases, acronyms);
      // Who condemned or announced is an actor of a statement, named in the alias file or not.
      const speaker = trigger.type.group === 'Statements' ? mentionIn(withoutQuotes(sentence)) : null;
      const speakerActor = speaker?.kind === 'group' ? speaker.organization : null;
      if (speakerActor && !actors.some((a) => nameKey(a) === nameKey(speakerActor))) actors.unshift(knowledge.aliases.canonical(speakerActor) ?? speakerActor);
      const isStatement = trigger.type.group === 'Statements' && actors.length > 0;
      if (!resolved && !place && found.length === 0 && !isLead && !isStatement) return null;
      const claimedBy = found.length > 0 ? claimant(sentence) : null;
      // Undated: the day the article last gave, if it gave one, else the week before publication.
      const day = resolved ? null : anchor.current();
      const week = day ? ([day, day] as const) : (publicationWeek ??= published ? weekBefore(published) : null);
      return {
        document: document.id,
        paragraph: paragraph.n,
        sentence,
        type: trigger.type,
        lead: isLead,
        date: resolved?.date ?? week?.[0] ?? null,
        dateEnd: resolved?.dateEnd ?? week?.[1] ?? null,
        precision: resolved?.precision ?? (day ? 'day' : 'week'),
        dated: resolved !== null,
        place,
        actors,
        casualties: found.map((c) => ({ kind: c.kind, count: c.count, qualifier: c.qualifier, claimedBy, document: document.id })),
      };
    }
  }
  return candidates;
}

/** The type whose trigger comes first in the sentence: the main verb usually comes before background. */
function earliestType(sentence: string, types: EventType[]): { type: EventType; index: number } | null {
  const text = withoutCompoundAdjectives(sentence);
  const skip = LEADING_ADVERBIAL.exec(text)?.[0].length ?? 0;
  const rest = text.slice(skip);
  // One pass for the earliest trigger of any type (at one place, the type listed first), not one per type.
  const match = anyTrigger(types).exec(rest);
  if (!match) return null;
  const first = { type: types[match.findIndex((group, i) => i > 0 && group !== undefined) - 1]!, index: match.index + skip };
  if (!first.type.generic) return first;
  // "was attacked by a ballistic missile": a generic type gives way to a specific one in the same clause.
  const clause = mainClause(text, first.index);
  let specific: { type: EventType; index: number } | null = null;
  for (const type of types) {
    if (type.generic || !VIOLENT_GROUPS.has(type.group)) continue;
    const found = type.triggers.exec(rest);
    const index = found ? found.index + skip : Infinity;
    if (index < clause.length && (!specific || index < specific.index)) specific = { type, index };
  }
  return specific ? { type: specific.type, index: first.index } : first;
}

const anyTriggers = new WeakMap<EventType[], RegExp>();
/**
 * Every type's triggers as one pattern, a group per type in the types' order. The word boundary in front is shared
 * by all: written once, outside the groups, it lets the pattern skip ahead to where a trigger can begin (twice as fast).
 */
function anyTrigger(types: EventType[]): RegExp {
  let pattern = anyTriggers.get(types);
  if (!pattern) anyTriggers.set(types, (pattern = types.length === 0 ? /(?!)/ : new RegExp(`\\b(?:${types.map((t) => `((?:${t.triggerWords})\\b)`).join('|')})`, 'i')));
  return pattern;
}

/** Who the sentence says gave the figures: "KH claimed ...", "... according to the Pentagon". */
function claimant(sentence: string): string | null {
  const according = /according to /i.exec(sentence);
  const speaker = according ? speakerAfter(sentence.slice(according.index), '') : mentionIn(withoutQuotes(sentence));
  return speaker ? speakerName(speaker) : null;
}

function speakerName(speaker: Speaker): string | null {
  if (speaker.name) return speaker.role ? `${speaker.name}, ${speaker.role}` : speaker.name;
  return speaker.organization ?? speaker.role ?? null;
}

function withoutQuotes(sentence: string): string {
  return sentence.replace(/[“"][^”"]*[”"]/g, ' ');
}
