// Event candidates from all articles -> events: reports of the same event become one event with several
// sources, and figures the sources disagree on become conflicts.
import type { Casualty, Conflict, DatePrecision, Place, SitrepEvent, SourceRef } from '../../types.js';
import { nameKey, type AliasTable } from '../aliases.js';
import { distanceKm } from './places.js';
import type { EventCandidate } from './candidates.js';
import type { EventType } from '../knowledge.js';
import { compareText } from '../../util/compare.js';
import { flatOf } from '../../util/arrays.js';

const NEARBY_KM = 100;
// Dates are compared as day numbers (days since 1970), which V8 keeps in the objects themselves; milliseconds
// would be boxed, and each comparison would cost another memory read.
const DAY = 1;
/** Before and after every day a report can give: the bounds of an undated report. */
const NO_START = -1e9;
const NO_END = 1e9;

/** A candidate with what clustering compares worked out once: its days as day numbers, its article as a number. */
interface Report extends EventCandidate {
  /** The first and last day of the report's dates (day numbers). */
  from: number;
  to: number;
  /** The article's place among all the articles' names in English order: what sorts reports by article. */
  article: number;
  /** informationScore: what the report tells (sorted by, many times over). */
  score: number;
}

export function clusterEvents(candidates: EventCandidate[], aliases: AliasTable): SitrepEvent[] {
  const clusters: EventCluster[] = [];
  const weeks = new WeekIndex();
  const notebook = new Notebook();
  const articles = articleOrder(candidates);
  const reports = candidates.map((c): Report => {
    const article = articles.get(c.document)!;
    // Field by field, not a spread: V8 gave spread copies slow property reads (merging took half as long again).
    return {
      document: c.document,
      paragraph: c.paragraph,
      sentence: c.sentence,
      type: c.type,
      date: c.date,
      dateEnd: c.dateEnd,
      precision: c.precision,
      dated: c.dated,
      lead: c.lead,
      place: c.place,
      actors: c.actors,
      casualties: c.casualties,
      from: c.date ? dayNumber(c.date) : NO_START,
      to: c.date ? dayNumber(c.dateEnd ?? c.date) : NO_END,
      article,
      score: informationScore(c),
    };
  });
  // Dated, placed reports first, so that vaguer ones join an event rather than found their own.
  const ordered = reports.sort((a, b) => b.score - a.score || a.article - b.article || a.paragraph - b.paragraph);
  for (const candidate of ordered) {
    const actors = nonStateActors(candidate.actors, aliases);
    const candidateWeeks = weeksOf(candidate);
    const articleNotes = notebook.of(candidate.article);
    // Of the events a report could belong to, the most strongly tied; then the one its article told of nearest.
    let home: EventCluster | null = null;
    let best = 0;
    for (const cluster of weeks.near(candidate, candidateWeeks)) {
      const strength = linkStrength(candidate, actors, cluster, notesOn(articleNotes, cluster));
      if (strength > best || (strength === best && strength > 0 && home && distance(articleNotes, cluster, candidate) < distance(articleNotes, home, candidate))) {
        home = cluster;
        best = strength;
      }
    }
    if (!home) {
      home = new EventCluster();
      clusters.push(home);
    }
    const placeBefore = home.place;
    home.add(candidate, actors);
    notebook.add(home, candidate);
    weeks.update(home, candidateWeeks, placeBefore);
  }
  // An undated, uncounted aside in the middle of an article is background, not an event of the period.
  const substantial = clusters.filter((c) => c.members.some((m) => m.dated || m.lead || m.casualties.length > 0 || (m.type.group === 'Statements' && m.actors.length > 0)));
  return substantial
    .map(toEvent)
    .sort((a, b) => compareText(a.date ?? '', b.date ?? '') || compareText(a.summary, b.summary))
    .map((event, i) => ({ ...event, id: `e${i + 1}` }));
}

/**
 * Each article's number: its place in English order of the articles' names. Reports are sorted by article many
 * times over, and a number compares in a fraction of the time of two names.
 */
function articleOrder(candidates: EventCandidate[]): Map<string, number> {
  const names = [...new Set(candidates.map((c) => c.document))].sort(compareText);
  return new Map(names.map((name, i) => [name, i]));
}

function informationScore(c: EventCandidate): number {
  return (c.dated ? 4 : 0) + (c.precision === 'day' ? 2 : 0) + (c.place ? 2 : 0) + (c.casualties.length > 0 ? 1 : 0) + Math.min(c.actors.length, 2);
}

/** Week numbers (since the epoch) a candidate's dates touch, with a day's slack either side. */
function weeksOf(c: Report): number[] {
  if (!c.date) return [-1];
  const first = Math.floor((c.from - DAY) / (7 * DAY));
  const last = Math.floor((c.to + DAY) / (7 * DAY));
  const weeks: number[] = [];
  for (let week = first; week <= last && weeks.length < 60; week++) weeks.push(week);
  return weeks;
}

/**
 * The events of each week, grouped by place: a report is weighed only against events whose place could be its
 * own, and the place test runs once per place rather than once per event. Events come back in the order they
 * joined each week, so that ties are broken as if every event of the week had been weighed.
 */
class WeekIndex {
  private readonly weeks = new Map<number, WeekBucket>();

  /** Every place events have been filed under, by key, in the order first seen. */
  private readonly places = new Map<string, Place | null>();

  /**
   * For a place (by key), the keys of the places it may share an event with, among the first `checked` of
   * `places`: worked out once per pair, and most places of a week are ruled out without being looked at.
   */
  private readonly compatible = new Map<string, { checked: number; keys: string[] }>();

  /** Stamps an event with the call of near() that found it, so that an event filed in two weeks is found once. */
  private call = 0;

  near(candidate: Report, weeks: number[]): EventCluster[] {
    const call = ++this.call;
    const found: EventCluster[] = [];
    // A report with no place may be of an event anywhere.
    const compatibleKeys = candidate.place ? this.compatibleWith(candidate.place) : null;
    // Dates that do not overlap, even with linkStrength's day of slack, rule an event out before anything else.
    const from = candidate.from - DAY;
    const to = candidate.to + DAY;
    for (const week of weeks) {
      const bucket = this.weeks.get(week);
      if (!bucket) continue;
      const first = found.length;
      let inOrder = true;
      const take = (entry: PlaceEntry | undefined) => {
        if (!entry) return;
        const { clusters, orders } = entry;
        for (let i = 0; i < clusters.length; i++) {
          const cluster = clusters[i]!;
          if (cluster.from > to || cluster.to < from || cluster.foundBy === call || !typesMayMatch(candidate.type, cluster.type)) continue;
          cluster.foundBy = call;
          cluster.order = orders[i]!;
          if (found.length > first && found[found.length - 1]!.order > cluster.order) inOrder = false;
          found.push(cluster);
        }
      };
      if (compatibleKeys === null) for (const entry of bucket.byPlace.values()) take(entry);
      else for (const key of compatibleKeys) take(bucket.byPlace.get(key));
      if (!inOrder) sortFrom(found, first);
    }
    return found;
  }

  private compatibleWith(place: Place): string[] {
    const key = placeKey(place);
    let known = this.compatible.get(key);
    if (!known) this.compatible.set(key, (known = { checked: 0, keys: [] }));
    if (known.checked < this.places.size) {
      let i = 0;
      for (const [other, otherPlace] of this.places) {
        if (i++ >= known.checked && placesCompatible(place, otherPlace)) known.keys.push(other);
      }
      known.checked = this.places.size;
    }
    return known.keys;
  }

  /** Files the event under the weeks its new report touches, and moves it if its place changed. */
  update(cluster: EventCluster, weeks: number[], placeBefore: Place | null): void {
    if (cluster.place !== placeBefore) {
      const keyBefore = placeKey(placeBefore);
      for (const week of cluster.weeks) {
        const bucket = this.weeks.get(week)!;
        const before = bucket.byPlace.get(keyBefore);
        const at = before?.clusters.indexOf(cluster) ?? -1;
        if (before && at >= 0) {
          before.clusters.splice(at, 1);
          before.orders.splice(at, 1);
        }
        this.file(bucket, cluster);
      }
    }
    for (const week of weeks) {
      if (cluster.weeks.has(week)) continue;
      cluster.weeks.add(week);
      let bucket = this.weeks.get(week);
      if (!bucket) this.weeks.set(week, (bucket = { order: new Map(), byPlace: new Map() }));
      bucket.order.set(cluster, bucket.order.size);
      this.file(bucket, cluster);
    }
  }

  private file(bucket: WeekBucket, cluster: EventCluster): void {
    const key = placeKey(cluster.place);
    if (!this.places.has(key)) this.places.set(key, cluster.place);
    let entry = bucket.byPlace.get(key);
    if (!entry) bucket.byPlace.set(key, (entry = { key, place: cluster.place, clusters: [], orders: [] }));
    if (!entry.clusters.includes(cluster)) {
      entry.clusters.push(cluster);
      entry.orders.push(bucket.order.get(cluster)!);
    }
  }
}

/** Sorts found[first..] by the order the events joined their week. */
function sortFrom(found: EventCluster[], first: number): void {
  // An insertion sort: a week holds a few events near a place, mostly in order already.
  for (let i = first + 1; i < found.length; i++) {
    const cluster = found[i]!;
    let j = i - 1;
    for (; j >= first && found[j]!.order > cluster.order; j--) found[j + 1] = found[j]!;
    found[j + 1] = cluster;
  }
}

/** One week's events: the order each joined the week in, and the events by place. */
interface WeekBucket {
  order: Map<EventCluster, number>;
  byPlace: Map<string, PlaceEntry>;
}

/** A week's events at one place, each with the order it joined the week in (read for every event near() finds). */
interface PlaceEntry {
  key: string;
  place: Place | null;
  clusters: EventCluster[];
  orders: number[];
}

/** Places that every other place is equally compatible with share a key. */
function placeKey(place: Place | null): string {
  return place ? `${nameKey(place.name)}|${place.country}|${place.lat}|${place.lon}` : '';
}

/** An event being assembled from reports; what it says so far is kept up to date as reports join. */
class EventCluster {
  // What WeekIndex.near() reads of every event it looks at, first, so that it is read with the object's header.
  /** The days of the report linkStrength dates this event by (dated ?? first); unbounded when it has no date. */
  from = NO_START;
  to = NO_END;
  /** That report's precision: read here, not through the report. */
  precision: DatePrecision = 'day';
  /** The last call of WeekIndex.near() that found this event, and the order it joined that call's week in. */
  foundBy = 0;
  order = 0;
  readonly members: Report[] = [];
  readonly actors = new Set<string>();
  /** The weeks this event is filed under (see WeekIndex). */
  readonly weeks = new Set<number>();
  type!: EventType;
  dated: Report | null = null;
  place: Place | null = null;
  /** How many reports give each date, by precision (its rank). */
  private readonly dateVotes: Map<string, number>[] = [new Map(), new Map(), new Map(), new Map()];
  /** The places reports give, by name key, in the order first given; and the one `place` is (see placeBefore). */
  private readonly places = new Map<string, PlaceVotes>();
  private placeVotes: PlaceVotes | null = null;

  get first(): Report {
    return this.members[0]!;
  }

  add(candidate: Report, actors: string[]): void {
    this.members.push(candidate);
    if (this.members.length === 1 || (this.type.generic && !candidate.type.generic)) this.type = candidate.type;
    for (const actor of actors) this.actors.add(actor);
    if (candidate.place) {
      const key = nameKey(candidate.place.name);
      let entry = this.places.get(key);
      if (!entry) this.places.set(key, (entry = { place: candidate.place, count: 0, rank: this.places.size }));
      entry.count++;
      // Only the place just counted can overtake the one the event is placed at.
      if (this.placeVotes === null || (entry !== this.placeVotes && placeBefore(entry, this.placeVotes))) this.placeVotes = entry;
      this.place = this.placeVotes.place;
    }
    if (candidate.dated) {
      const votes = this.dateVotes[precisionRank(candidate)]!;
      votes.set(candidate.date ?? '', (votes.get(candidate.date ?? '') ?? 0) + 1);
      if (!this.dated || this.prefers(candidate, this.dated)) this.dated = candidate;
    }
    const datedBy = this.dated ?? this.first;
    this.from = datedBy.from;
    this.to = datedBy.to;
    this.precision = datedBy.precision;
  }

  /** The date most reports give, at the finest precision any gives. */
  private prefers(a: Report, b: Report): boolean {
    if (precisionRank(a) !== precisionRank(b)) return precisionRank(a) < precisionRank(b);
    const votes = (c: EventCandidate) => this.dateVotes[precisionRank(c)]!.get(c.date ?? '') ?? 0;
    if (votes(a) !== votes(b)) return votes(a) > votes(b);
    return (a.date ?? '') < (b.date ?? '');
  }
}

/** One article's reports of an event: the days and the types it dates them by, and their paragraphs. */
interface ArticleNotes {
  cluster: EventCluster;
  days: Set<string>;
  datedTypes: Set<string>;
  paragraphs: number[];
}

/**
 * What each article's reports say of the events they joined, by article. A report is weighed against many events,
 * and its article has joined only a few: its short list is searched, rather than a map in every event.
 */
class Notebook {
  private readonly byArticle: ArticleNotes[][] = [];

  of(article: number): ArticleNotes[] {
    return (this.byArticle[article] ??= []);
  }

  add(cluster: EventCluster, candidate: Report): void {
    const list = this.of(candidate.article);
    let notes = notesOn(list, cluster);
    if (!notes) list.push((notes = { cluster, days: new Set(), datedTypes: new Set(), paragraphs: [] }));
    notes.paragraphs.push(candidate.paragraph);
    if (candidate.dated) {
      notes.datedTypes.add(candidate.type.id);
      if (candidate.precision === 'day' && candidate.date) notes.days.add(candidate.date);
    }
  }
}

/** An article's notes on one event, if its reports joined it. */
function notesOn(articleNotes: ArticleNotes[], cluster: EventCluster): ArticleNotes | undefined {
  for (const notes of articleNotes) if (notes.cluster === cluster) return notes;
  return undefined;
}

/** How near, in paragraphs, the report is to its article's reports of the event. */
function distance(articleNotes: ArticleNotes[], cluster: EventCluster, candidate: Report): number {
  const paragraphs = notesOn(articleNotes, cluster)?.paragraphs;
  if (!paragraphs) return 1000;
  let nearest = Infinity;
  for (const p of paragraphs) nearest = Math.min(nearest, Math.abs(p - candidate.paragraph));
  return nearest;
}

/**
 * 0 when the report cannot be of this event; otherwise how strongly it is tied to it. The event is one WeekIndex
 * found near: of a type the report's may match, at a place compatible with the report's.
 */
function linkStrength(candidate: Report, actors: string[], cluster: EventCluster, notes: ArticleNotes | undefined): number {
  // A generic "attack" report can be the same event as a specific one ("was attacked" / "a missile attack"):
  // typesMayMatch.
  // Disjoint actors are no veto: one report names the attacker, another the target.
  let sharesActor = false;
  for (const actor of actors) if ((sharesActor = cluster.actors.has(actor))) break;
  // A shared armed group or a named place (not just a country) ties two reports together.
  const samePlace = isSpecific(candidate.place) && isSpecific(cluster.place);
  // An undated sentence of an article usually continues the event the article has dated.
  const sameArticle = !candidate.dated && notes !== undefined && notes.datedTypes.has(candidate.type.id);
  const strength = (sharesActor ? 2 : 0) + (samePlace ? 2 : 0) + (sameArticle ? 1 : 0);
  if (!datesOverlap(candidate, cluster, strength > 0)) return 0;
  // One article that dates two reports to different days is telling of two events.
  const days = notes?.days;
  if (candidate.dated && candidate.precision === 'day' && days && days.size > 0 && (days.size > 1 || !days.has(candidate.date!))) return 0;
  if (candidate.dated && cluster.dated !== null && candidate.precision === cluster.precision) return strength + 1;
  return strength;
}

const isSpecific = (p: Place | null) => p !== null && p.name !== p.country;

function nonStateActors(actors: string[], aliases: AliasTable): string[] {
  return [...new Set(actors.filter((a) => aliases.kindOf(a) !== 'state').map(nameKey))];
}

/** Whether the report's days meet those the event is dated by (an event with no date meets every day). */
function datesOverlap(a: Report, cluster: EventCluster, linked: boolean): boolean {
  if (!a.date) return true;
  const slack = linked && a.precision === 'day' && cluster.precision === 'day' ? DAY : 0;
  return a.from <= cluster.to + slack && cluster.from <= a.to + slack;
}

/** A day's number (days since 1970-01-01); reports share a few hundred days, parsed once each. */
const dayNumbers = new Map<string, number>();
function dayNumber(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    dayNumbers.set(date, (day = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000)));
  }
  return day;
}

/** The type test of linkStrength, cheap enough to filter a week's events before anything else is compared. */
function typesMayMatch(a: EventType, b: EventType): boolean {
  if (a.id === b.id) return true;
  const statement = a.group === 'Statements' || b.group === 'Statements';
  return !statement && (a.generic || b.generic);
}

function placesCompatible(a: Place | null, b: Place | null): boolean {
  if (!a || !b) return true;
  if (nameKey(a.name) === nameKey(b.name)) return true;
  // A country contains its places: "in Iraq" and "at Al-Asad Airbase" can be one event.
  const inCountry = (whole: Place, part: Place) => whole.name === whole.country && whole.country === part.country;
  if (inCountry(a, b) || inCountry(b, a)) return true;
  const km = distanceKm(a, b);
  if (km !== null) return km <= NEARBY_KM;
  // A place the gazetteer does not know could be anywhere near the other.
  return a.country === null || b.country === null || a.country === b.country;
}

function toEvent(cluster: EventCluster): SitrepEvent {
  const members = cluster.members;
  // The summary: the most informative report (the first of the shortest), preferably in the reporter's words
  // rather than inside a quote.
  const score = (c: Report) => c.score - (isQuoted(c.sentence) ? 3 : 0);
  let best = members[0]!;
  let bestScore = score(best);
  for (const c of members) {
    const cScore = score(c);
    if (cScore > bestScore || (cScore === bestScore && c.sentence.length < best.sentence.length)) [best, bestScore] = [c, cScore];
  }
  const precise = cluster.dated ?? members[0]!;
  const casualties = uniqueCasualties(flatOf(members, (m) => m.casualties));
  // In article and paragraph order, each paragraph once.
  const sources = [...members]
    .sort((a, b) => a.article - b.article || a.paragraph - b.paragraph)
    .filter((m, i, sorted) => i === 0 || m.article !== sorted[i - 1]!.article || m.paragraph !== sorted[i - 1]!.paragraph)
    .map(sourceOf);
  const actorKeys = new Set<string>();
  const actors = flatOf(members, (m) => m.actors).filter((a) => !actorKeys.has(nameKey(a)) && actorKeys.add(nameKey(a)));
  return {
    id: '',
    date: precise.date,
    dateEnd: precise.dateEnd,
    precision: precise.precision,
    type: cluster.type.id,
    summary: best.sentence.trim(),
    actors,
    location: cluster.place,
    casualties,
    sources,
    conflicts: conflictsIn(casualties),
  };
}

/** A sentence that opens or closes with a quotation mark (spaces aside). */
function isQuoted(sentence: string): boolean {
  // The first and last characters but spaces, found without trimming a copy of the sentence.
  let first = 0;
  let last = sentence.length - 1;
  while (first <= last && isSpace(sentence.charCodeAt(first))) first++;
  while (last > first && isSpace(sentence.charCodeAt(last))) last--;
  return first <= last && (`"“‘'`.includes(sentence[first]!) || `"”’'`.includes(sentence[last]!));
}

/** What String#trim takes off: ASCII spaces, and (rarely) the other white space and line ends \s stands for. */
const isSpace = (code: number) => code === 32 || (code <= 13 && code >= 9) || (code > 127 && /\s/.test(String.fromCharCode(code)));

const PRECISION_RANKS: Record<DatePrecision, number> = { day: 0, week: 1, month: 2, year: 3 };
const precisionRank = (c: EventCandidate): number => PRECISION_RANKS[c.precision];

/** How many of an event's reports give a place, and when it was first given (ties go to the first). */
interface PlaceVotes {
  place: Place;
  count: number;
  rank: number;
}

/**
 * Whether an event is placed at `a` rather than `b`: the place most reports agree on, preferring a place over a
 * whole country, and one with coordinates; of equals, the one given first.
 */
function placeBefore(a: PlaceVotes, b: PlaceVotes): boolean {
  const score = ({ place, count }: PlaceVotes) => count + (place.lat !== null ? 0.5 : 0) - (place.name === place.country ? 10 : 0);
  return score(a) > score(b) || (score(a) === score(b) && a.rank < b.rank);
}

function uniqueCasualties(all: Casualty[]): Casualty[] {
  return all.filter((c, i) => all.findIndex((d) => d.kind === c.kind && d.count === c.count && d.qualifier === c.qualifier && d.document === c.document) === i);
}

/** Where different documents give different numbers for the same count. */
function conflictsIn(casualties: Casualty[]): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const kind of ['killed', 'injured'] as const) {
    const counted = casualties.filter((c) => c.kind === kind && c.count !== null);
    const values = [...new Set(counted.map((c) => c.count))];
    const documents = new Set(counted.map((c) => c.document));
    if (values.length > 1 && documents.size > 1)
      conflicts.push({ field: kind, values: counted.map((c) => ({ value: c.count!, document: c.document })) });
  }
  return conflicts;
}

function sourceOf(candidate: EventCandidate): SourceRef {
  return { document: candidate.document, paragraph: candidate.paragraph };
}
