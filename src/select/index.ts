// Spec + Extraction -> Selection: what each section of the report shows.
import type { Extraction, Figure, Quote, Section, SelectedSection, Selection, SitrepEvent, SkippedFile, SourceDocument, Spec } from '../types.js';
import { nameKey } from '../extract/aliases.js';
import { compareText } from '../util/compare.js';

export function select(spec: Spec, extraction: Extraction, skipped: SkippedFile[] = [], eventTypeLabels: Record<string, string> = {}): Selection {
  const { documents, firstReported } = factsOf(extraction);
  const citing = (event: SitrepEvent) => citedPart(event, spec.sourcesPerItem ?? 5, documents);
  const sections = spec.sections.map((section): SelectedSection => {
    const from = maxDate(spec.period.from, section.from);
    const to = minDate(spec.period.to, section.to);
    const inRange = (date: string | null) => date !== null && date >= from && date <= to;
    if (section.kind === 'changes') {
      const matching = extraction.events.filter((e) => eventMatches(e, section, documents));
      const changes = changesIn(matching, documents, firstReported, inRange);
      // `limit` and `sort` apply to each list: what is new, and what has new figures.
      const events = pick(changes.events, section, (e) => e.date, significance).map(citing);
      const updated = pick(changes.updated, section, (e) => e.date, significance).map(citing);
      return { heading: section.heading, kind: section.kind, text: section.text ?? null, events, updated, quotes: [], figures: [] };
    }
    return {
      heading: section.heading,
      kind: section.kind,
      text: section.text ?? null,
      updated: [],
      events: EVENT_KINDS.has(section.kind)
        ? pick(extraction.events.filter((e) => inRange(e.date ?? e.dateEnd) && eventMatches(e, section, documents) && (section.kind !== 'figures' || e.casualties.length > 0)), section, (e) => e.date, significance).map(citing)
        : [],
      quotes: section.kind === 'quotes' ? pick(extraction.quotes.filter((q) => inRange(q.date) && quoteMatches(q, section, documents)), section, (q) => q.date) : [],
      figures: section.kind === 'figures' ? pick(extraction.figures.filter((f) => inRange(documents.get(f.document)?.published ?? null) && figureMatches(f, section, documents)), section, (f) => documents.get(f.document)?.published ?? null) : [],
    };
  });
  const cited = new Set(sections.flatMap((s) => [...[...s.events, ...s.updated].flatMap((e) => e.sources.map((r) => r.document)), ...s.quotes.map((q) => q.document), ...s.figures.map((f) => f.document)]));
  return { spec, eventTypeLabels, documents: extraction.documents.filter((d) => cited.has(d.id)), sections, skipped };
}

/**
 * What is new in a period, by when it was published rather than when it happened: events whose first report falls
 * in the period, and older events that a document of the period gives casualty figures for.
 */
function changesIn(events: SitrepEvent[], documents: Map<string, SourceDocument>, firstReported: (e: SitrepEvent) => string | null, inRange: (date: string | null) => boolean) {
  const published = (id: string) => documents.get(id)?.published ?? null;
  const byDate = (a: SitrepEvent, b: SitrepEvent) => compareText(a.date ?? '', b.date ?? '');
  const fresh = events.filter((e) => inRange(firstReported(e))).sort(byDate);
  const isFresh = new Set(fresh);
  const updated = events
    .filter((e) => !isFresh.has(e) && firstReported(e) !== null && e.casualties.some((c) => inRange(published(c.document))))
    .sort(byDate);
  return { events: fresh, updated };
}

/**
 * What every selection from one extraction looks up: its documents by id, and the day each event was first
 * reported. A weekly batch selects 52 times from the same extraction; these are worked out once.
 */
interface ExtractionFacts {
  documents: Map<string, SourceDocument>;
  firstReported: (event: SitrepEvent) => string | null;
}

const facts = new WeakMap<Extraction, ExtractionFacts>();

function factsOf(extraction: Extraction): ExtractionFacts {
  let known = facts.get(extraction);
  if (!known) {
    const documents = new Map(extraction.documents.map((d) => [d.id, d]));
    const firstDays = new Map<SitrepEvent, string | null>();
    const firstReported = (event: SitrepEvent) => {
      let first = firstDays.get(event);
      if (first === undefined) {
        first = null;
        for (const { document } of event.sources) {
          const published = documents.get(document)?.published ?? null;
          if (published !== null && (first === null || published < first)) first = published;
        }
        firstDays.set(event, first);
      }
      return first;
    };
    facts.set(extraction, (known = { documents, firstReported }));
  }
  return known;
}

function pick<T>(items: T[], section: Section, dateOf: (item: T) => string | null, weight?: (item: T) => number): T[] {
  const byDate = (a: T, b: T) => compareText(dateOf(a) ?? '', dateOf(b) ?? '');
  if (section.sort === 'significance' && weight) {
    const weights = new Map(items.map((item) => [item, weight(item)]));
    const top = [...items].sort((a, b) => weights.get(b)! - weights.get(a)! || byDate(a, b)).slice(0, section.limit ?? items.length);
    return top.sort(byDate);
  }
  const sorted = section.sort === 'date' ? [...items].sort(byDate) : section.sort === '-date' ? [...items].sort((a, b) => byDate(b, a)) : items;
  return section.limit ? sorted.slice(0, section.limit) : sorted;
}

/**
 * An event reported by more documents than a report cites for one item keeps the first reports (earliest
 * published, those giving casualty figures first); the others are counted, with the figures only they give.
 */
function citedPart(event: SitrepEvent, max: number, documents: Map<string, SourceDocument>): SitrepEvent {
  const ids = [...new Set(event.sources.map((s) => s.document))];
  if (ids.length <= max) return event;
  const counts = new Set(event.casualties.map((c) => c.document));
  const published = (id: string) => documents.get(id)?.published ?? '9999';
  const kept = new Set(
    [...ids].sort((a, b) => Number(counts.has(b)) - Number(counts.has(a)) || compareText(published(a), published(b)) || compareText(a, b)).slice(0, max),
  );
  return {
    ...event,
    sources: event.sources.filter((s) => kept.has(s.document)),
    casualties: event.casualties.filter((c) => kept.has(c.document)),
    uncited: { documents: ids.length - kept.size, casualties: event.casualties.filter((c) => !kept.has(c.document)) },
  };
}

/** More sources, more dead, a disputed toll and an exact date make an event weigh more. */
function significance(event: SitrepEvent): number {
  const documents = new Set(event.sources.map((s) => s.document)).size;
  const killed = Math.max(0, ...event.casualties.filter((c) => c.kind === 'killed').map((c) => c.count ?? 1));
  return documents * 3 + Math.min(killed, 50) / 5 + event.conflicts.length * 2 + (event.precision === 'day' ? 1 : 0);
}

const includesName = (wanted: string[] | undefined, names: (string | null)[]) =>
  !wanted?.length || wanted.some((w) => names.some((n) => n !== null && nameKey(n).includes(nameKey(w))));

const hasKeyword = (keywords: string[] | undefined, text: string) =>
  !keywords?.length || keywords.some((k) => text.toLowerCase().includes(k.toLowerCase()));

/** Whether any of these items (an event's sources, a quote, a figure) comes from the sources a section names. */
function fromSources(sources: string[] | undefined, items: readonly { document: string }[], documents: Map<string, SourceDocument>): boolean {
  if (!sources?.length) return true;
  return items.some(({ document: id }) => {
    const d = documents.get(id);
    return sources.some((s) => id === s || id.startsWith(`${s}/`) || (d?.outlet ?? '').toLowerCase() === s.toLowerCase());
  });
}

function quoteMatches(quote: Quote, section: Section, documents: Map<string, SourceDocument>): boolean {
  const { name, role, organization } = quote.speaker;
  return includesName(section.actors, [name, role, organization]) && hasKeyword(section.keywords, quote.text) && fromSources(section.sources, [quote], documents);
}

function eventMatches(event: SitrepEvent, section: Section, documents: Map<string, SourceDocument>): boolean {
  return (
    includesName(section.actors, event.actors) &&
    includesName(section.places, [event.location?.name ?? null, event.location?.country ?? null]) &&
    (!section.types?.length || section.types.includes(event.type)) &&
    hasKeyword(section.keywords, event.summary) &&
    fromSources(section.sources, event.sources, documents)
  );
}

function figureMatches(figure: Figure, section: Section, documents: Map<string, SourceDocument>): boolean {
  return hasKeyword(section.keywords, figure.text) && fromSources(section.sources, [figure], documents);
}

/** Sections that show events; a figures section shows the casualty tolls of events too. */
const EVENT_KINDS = new Set(['events', 'chronology', 'map', 'figures']);

const maxDate = (a: string, b: string | undefined) => (b && b > a ? b : a);
const minDate = (a: string, b: string | undefined) => (b && b < a ? b : a);
