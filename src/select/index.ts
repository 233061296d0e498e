// Spec + Extraction -> Selection: what each section of the report shows.
import type { Extraction, Figure, Quote, Section, SelectedSection, Selection, SitrepEvent, SkippedFile, SourceDocument, Spec } from '../types.js';
import { nameKey } from '../extract/aliases.js';
import { compareText } from '../util/compare.js';

export function select(spec: Spec, extraction: Extraction, skipped: SkippedFile[] = [], eventTypeLabels: Record<string, string> = {}): Selection {
  const facts = factsOf(extraction);
  const { documents } = facts;
  const citing = (event: SitrepEvent) => citedPart(event, spec.sourcesPerItem ?? 5, documents);
  const sections = spec.sections.map((section): SelectedSection => {
    const from = maxDate(spec.period.from, section.from);
    const to = minDate(spec.period.to, section.to);
    if (section.kind === 'changes') {
      const matches = (e: SitrepEvent) => eventMatches(e, section, documents);
      const changes = changesIn(facts, from, to, matches);
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
        ? pick(facts.eventsByDate.within(from, to).filter((e) => eventMatches(e, section, documents) && (section.kind !== 'figures' || e.casualties.length > 0)), section, (e) => e.date, significance).map(citing)
        : [],
      quotes: section.kind === 'quotes' ? pick(facts.quotesByDate.within(from, to).filter((q) => quoteMatches(q, section, documents)), section, (q) => q.date) : [],
      figures: section.kind === 'figures' ? pick(facts.figuresByPublished.within(from, to).filter((f) => figureMatches(f, section, documents)), section, (f) => documents.get(f.document)?.published ?? null) : [],
    };
  });
  const cited = new Set(sections.flatMap((s) => [...[...s.events, ...s.updated].flatMap((e) => e.sources.map((r) => r.document)), ...s.quotes.map((q) => q.document), ...s.figures.map((f) => f.document)]));
  return { spec, eventTypeLabels, documents: facts.documentsIn(cited), sections, skipped };
}

/**
 * What is new in a period, by when it was published rather than when it happened: events whose first report falls
 * in the period, and older events that a document of the period gives casualty figures for.
 */
function changesIn({ eventsByFirstReport, eventsByFigures, firstReported }: ExtractionFacts, from: string, to: string, matches: (e: SitrepEvent) => boolean) {
  const byDate = (a: SitrepEvent, b: SitrepEvent) => compareText(a.date ?? '', b.date ?? '');
  const fresh = eventsByFirstReport.within(from, to).filter(matches).sort(byDate);
  const isFresh = new Set(fresh);
  const updated = eventsByFigures
    .within(from, to)
    .filter((e) => !isFresh.has(e) && firstReported(e) !== null && matches(e))
    .sort(byDate);
  return { events: fresh, updated };
}

/**
 * What every selection from one extraction looks up: its documents by id, the day each event was first reported,
 * and its items by the day a period is matched against. A weekly batch selects 52 times from the same extraction;
 * these are worked out once.
 */
interface ExtractionFacts {
  documents: Map<string, SourceDocument>;
  /** The documents of these ids, in the extraction's order. */
  documentsIn: (ids: Set<string>) => SourceDocument[];
  firstReported: (event: SitrepEvent) => string | null;
  eventsByDate: DayIndex<SitrepEvent>;
  /** By the day each event was first reported. */
  eventsByFirstReport: DayIndex<SitrepEvent>;
  /** By the days of the documents that give each event's casualty figures. */
  eventsByFigures: DayIndex<SitrepEvent>;
  quotesByDate: DayIndex<Quote>;
  /** By the day the figure's document was published. */
  figuresByPublished: DayIndex<Figure>;
}

const facts = new WeakMap<Extraction, ExtractionFacts>();

function factsOf(extraction: Extraction): ExtractionFacts {
  let known = facts.get(extraction);
  if (!known) {
    const documents = new Map(extraction.documents.map((d) => [d.id, d]));
    const positions = new Map(extraction.documents.map((d, i) => [d.id, i]));
    const documentsIn = (ids: Set<string>) =>
      [...ids]
        .flatMap((id) => positions.get(id) ?? [])
        .sort((a, b) => a - b)
        .map((i) => extraction.documents[i]!);
    const published = (id: string) => documents.get(id)?.published ?? null;
    const firstDays = new Map<SitrepEvent, string | null>();
    for (const event of extraction.events) {
      let first: string | null = null;
      for (const { document } of event.sources) {
        const day = published(document);
        if (day !== null && (first === null || day < first)) first = day;
      }
      firstDays.set(event, first);
    }
    const firstReported = (event: SitrepEvent) => firstDays.get(event) ?? null;
    known = {
      documents,
      documentsIn,
      firstReported,
      eventsByDate: new DayIndex(extraction.events, (e) => [e.date ?? e.dateEnd]),
      eventsByFirstReport: new DayIndex(extraction.events, (e) => [firstReported(e)]),
      eventsByFigures: new DayIndex(extraction.events, (e) => e.casualties.map((c) => published(c.document))),
      quotesByDate: new DayIndex(extraction.quotes, (q) => [q.date]),
      figuresByPublished: new DayIndex(extraction.figures, (f) => [published(f.document)]),
    };
    facts.set(extraction, known);
  }
  return known;
}

/**
 * Items by the days they fall on: those of a period in their own order, without looking at the others. Days
 * compare as strings, as the period's bounds do.
 */
class DayIndex<T> {
  private readonly days: string[] = [];
  private readonly positions: number[] = [];

  constructor(
    private readonly items: readonly T[],
    daysOf: (item: T) => (string | null)[],
  ) {
    const entries: { day: string; position: number }[] = [];
    items.forEach((item, position) => {
      for (const day of new Set(daysOf(item))) if (day !== null) entries.push({ day, position });
    });
    entries.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.position - b.position));
    for (const { day, position } of entries) {
      this.days.push(day);
      this.positions.push(position);
    }
  }

  /** The items on a day from `from` to `to` (both included), each once, in the order they were given. */
  within(from: string, to: string): T[] {
    const positions = new Set<number>();
    for (let i = this.firstAtOrAfter(from); i < this.days.length && this.days[i]! <= to; i++) positions.add(this.positions[i]!);
    return [...positions].sort((a, b) => a - b).map((p) => this.items[p]!);
  }

  private firstAtOrAfter(day: string): number {
    let [low, high] = [0, this.days.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.days[middle]! < day) low = middle + 1;
      else high = middle;
    }
    return low;
  }
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
