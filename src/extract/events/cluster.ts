// Event candidates from all articles -> events: reports of the same event become one event with several
// sources, and figures the sources disagree on become conflicts.
import type { Casualty, Conflict, Place, SitrepEvent, SourceRef } from '../../types.js';
import { nameKey, type AliasTable } from '../aliases.js';
import { distanceKm } from './places.js';
import type { EventCandidate } from './candidates.js';
import type { EventType } from '../knowledge.js';

const NEARBY_KM = 100;
const DAY = 86_400_000;

export function clusterEvents(candidates: EventCandidate[], aliases: AliasTable): SitrepEvent[] {
  const clusters: EventCluster[] = [];
  const weeks = new WeekIndex();
  // Dated, placed reports first, so that vaguer ones join an event rather than found their own.
  const ordered = [...candidates].sort((a, b) => informationScore(b) - informationScore(a) || a.document.localeCompare(b.document) || a.paragraph - b.paragraph);
  for (const candidate of ordered) {
    const actors = nonStateActors(candidate.actors, aliases);
    const candidateWeeks = weeksOf(candidate);
    // Of the events a report could belong to, the most strongly tied; then the one its article told of nearest.
    let home: EventCluster | null = null;
    let best = 0;
    for (const cluster of weeks.near(candidate, candidateWeeks)) {
      const strength = linkStrength(candidate, actors, cluster);
      if (strength > best || (strength === best && strength > 0 && home && cluster.distanceTo(candidate) < home.distanceTo(candidate))) {
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
    weeks.update(home, candidateWeeks, placeBefore);
  }
  // An undated, uncounted aside in the middle of an article is background, not an event of the period.
  const substantial = clusters.filter((c) => c.members.some((m) => m.dated || m.lead || m.casualties.length > 0 || (m.type.group === 'Statements' && m.actors.length > 0)));
  return substantial
    .map(toEvent)
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.summary.localeCompare(b.summary))
    .map((event, i) => ({ ...event, id: `e${i + 1}` }));
}

function informationScore(c: EventCandidate): number {
  return (c.dated ? 4 : 0) + (c.precision === 'day' ? 2 : 0) + (c.place ? 2 : 0) + (c.casualties.length > 0 ? 1 : 0) + Math.min(c.actors.length, 2);
}

/** Week numbers (since the epoch) a candidate's dates touch, with a day's slack either side. */
function weeksOf(c: EventCandidate): number[] {
  if (!c.date) return [-1];
  const first = Math.floor((start(c.date) - DAY) / (7 * DAY));
  const last = Math.floor((start(c.dateEnd ?? c.date) + DAY) / (7 * DAY));
  return Array.from({ length: Math.min(last - first + 1, 60) }, (_, i) => first + i);
}

/**
 * The events of each week, grouped by place: a report is weighed only against events whose place could be its
 * own, and the place test runs once per place rather than once per event. Events come back in the order they
 * joined each week, so that ties are broken as if every event of the week had been weighed.
 */
class WeekIndex {
  private readonly weeks = new Map<number, { order: Map<EventCluster, number>; byPlace: Map<string, { place: Place | null; clusters: Set<EventCluster> }> }>();

  near(candidate: EventCandidate, weeks: number[]): EventCluster[] {
    const found = new Set<EventCluster>();
    const compatible = new Map<string, boolean>();
    // Dates that do not overlap, even with linkStrength's day of slack, rule an event out before anything else.
    const from = candidate.date ? start(candidate.date) - DAY : -Infinity;
    const to = candidate.date ? start(candidate.dateEnd ?? candidate.date) + DAY : Infinity;
    for (const week of weeks) {
      const bucket = this.weeks.get(week);
      if (!bucket) continue;
      const inWeek: EventCluster[] = [];
      for (const [key, { place, clusters }] of bucket.byPlace) {
        let fits = compatible.get(key);
        if (fits === undefined) compatible.set(key, (fits = placesCompatible(candidate.place, place)));
        if (!fits) continue;
        for (const cluster of clusters) {
          if (cluster.from > to || cluster.to < from || found.has(cluster) || !typesMayMatch(candidate.type, cluster.type)) continue;
          inWeek.push(cluster);
        }
      }
      inWeek.sort((a, b) => bucket.order.get(a)! - bucket.order.get(b)!);
      for (const cluster of inWeek) found.add(cluster);
    }
    return [...found];
  }

  /** Files the event under the weeks its new report touches, and moves it if its place changed. */
  update(cluster: EventCluster, weeks: number[], placeBefore: Place | null): void {
    if (cluster.place !== placeBefore) {
      for (const week of cluster.weeks) {
        const byPlace = this.weeks.get(week)!.byPlace;
        byPlace.get(placeKey(placeBefore))?.clusters.delete(cluster);
        this.file(byPlace, cluster);
      }
    }
    for (const week of weeks) {
      if (cluster.weeks.has(week)) continue;
      cluster.weeks.add(week);
      let bucket = this.weeks.get(week);
      if (!bucket) this.weeks.set(week, (bucket = { order: new Map(), byPlace: new Map() }));
      bucket.order.set(cluster, bucket.order.size);
      this.file(bucket.byPlace, cluster);
    }
  }

  private file(byPlace: Map<string, { place: Place | null; clusters: Set<EventCluster> }>, cluster: EventCluster): void {
    const key = placeKey(cluster.place);
    let entry = byPlace.get(key);
    if (!entry) byPlace.set(key, (entry = { place: cluster.place, clusters: new Set() }));
    entry.clusters.add(cluster);
  }
}

/** Places that every other place is equally compatible with share a key. */
function placeKey(place: Place | null): string {
  return place ? `${nameKey(place.name)}|${place.country}|${place.lat}|${place.lon}` : '';
}

/** An event being assembled from reports; what it says so far is kept up to date as reports join. */
class EventCluster {
  readonly members: EventCandidate[] = [];
  readonly actors = new Set<string>();
  /** The weeks this event is filed under (see WeekIndex). */
  readonly weeks = new Set<number>();
  type!: EventType;
  dated: EventCandidate | null = null;
  place: Place | null = null;
  private readonly dateVotes = new Map<string, number>();
  private readonly places = new Map<string, { place: Place; count: number }>();
  private readonly daysByDocument = new Map<string, Set<string>>();
  private readonly datedTypesByDocument = new Map<string, Set<string>>();
  private readonly paragraphsByDocument = new Map<string, number[]>();

  /** The days of the report linkStrength dates this event by (dated ?? first); unbounded when it has no date. */
  from = -Infinity;
  to = Infinity;

  get first(): EventCandidate {
    return this.members[0]!;
  }

  add(candidate: EventCandidate, actors: string[]): void {
    this.members.push(candidate);
    if (this.members.length === 1 || (this.type.generic && !candidate.type.generic)) this.type = candidate.type;
    for (const actor of actors) this.actors.add(actor);
    if (candidate.place) {
      const key = nameKey(candidate.place.name);
      const entry = this.places.get(key) ?? { place: candidate.place, count: 0 };
      entry.count++;
      this.places.set(key, entry);
      this.place = mostSpecificPlace([...this.places.values()]);
    }
    if (candidate.dated) {
      const vote = `${precisionRank(candidate)}|${candidate.date}`;
      this.dateVotes.set(vote, (this.dateVotes.get(vote) ?? 0) + 1);
      if (!this.dated || this.prefers(candidate, this.dated)) this.dated = candidate;
      add(this.datedTypesByDocument, candidate.document, candidate.type.id);
      if (candidate.precision === 'day' && candidate.date) add(this.daysByDocument, candidate.document, candidate.date);
    }
    const datedBy = this.dated ?? this.first;
    [this.from, this.to] = datedBy.date ? [start(datedBy.date), start(datedBy.dateEnd ?? datedBy.date)] : [-Infinity, Infinity];
    const paragraphs = this.paragraphsByDocument.get(candidate.document) ?? [];
    paragraphs.push(candidate.paragraph);
    this.paragraphsByDocument.set(candidate.document, paragraphs);
  }

  /** The date most reports give, at the finest precision any gives. */
  private prefers(a: EventCandidate, b: EventCandidate): boolean {
    if (precisionRank(a) !== precisionRank(b)) return precisionRank(a) < precisionRank(b);
    const votes = (c: EventCandidate) => this.dateVotes.get(`${precisionRank(c)}|${c.date}`) ?? 0;
    if (votes(a) !== votes(b)) return votes(a) > votes(b);
    return (a.date ?? '') < (b.date ?? '');
  }

  /** Days this article dates its reports of the event to. */
  daysIn(document: string): Set<string> | undefined {
    return this.daysByDocument.get(document);
  }

  hasDated(document: string, typeId: string): boolean {
    return this.datedTypesByDocument.get(document)?.has(typeId) ?? false;
  }

  distanceTo(candidate: EventCandidate): number {
    const paragraphs = this.paragraphsByDocument.get(candidate.document);
    return paragraphs ? Math.min(...paragraphs.map((p) => Math.abs(p - candidate.paragraph))) : 1000;
  }
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

/** 0 when the report cannot be of this event; otherwise how strongly it is tied to it. */
function linkStrength(candidate: EventCandidate, actors: string[], cluster: EventCluster): number {
  // A generic "attack" report can be the same event as a specific one ("was attacked" / "a missile attack").
  const statement = candidate.type.group === 'Statements' || cluster.type.group === 'Statements';
  if (candidate.type.id !== cluster.type.id && (statement || (!candidate.type.generic && !cluster.type.generic))) return 0;
  if (!placesCompatible(candidate.place, cluster.place)) return 0;
  // Disjoint actors are no veto: one report names the attacker, another the target.
  const sharesActor = actors.some((a) => cluster.actors.has(a));
  // A shared armed group or a named place (not just a country) ties two reports together.
  const isSpecific = (p: Place | null) => p !== null && p.name !== p.country;
  const samePlace = isSpecific(candidate.place) && isSpecific(cluster.place);
  // An undated sentence of an article usually continues the event the article has dated.
  const sameArticle = !candidate.dated && cluster.hasDated(candidate.document, candidate.type.id);
  const strength = (sharesActor ? 2 : 0) + (samePlace ? 2 : 0) + (sameArticle ? 1 : 0);
  if (!datesOverlap(candidate, cluster.dated ?? cluster.first, strength > 0)) return 0;
  // One article that dates two reports to different days is telling of two events.
  const days = cluster.daysIn(candidate.document);
  if (candidate.dated && candidate.precision === 'day' && days && [...days].some((d) => d !== candidate.date)) return 0;
  if (candidate.dated && cluster.dated && candidate.precision === cluster.dated.precision) return strength + 1;
  return strength;
}

function nonStateActors(actors: string[], aliases: AliasTable): string[] {
  return [...new Set(actors.filter((a) => aliases.kindOf(a) !== 'state').map(nameKey))];
}

function datesOverlap(a: EventCandidate, b: EventCandidate, linked: boolean): boolean {
  if (!a.date || !b.date) return true;
  const slack = linked && a.precision === 'day' && b.precision === 'day' ? DAY : 0;
  return start(a.date) <= start(b.dateEnd ?? b.date) + slack && start(b.date) <= start(a.dateEnd ?? a.date) + slack;
}

// Dates are compared many times over: each parsed once.
const starts = new Map<string, number>();
function start(date: string): number {
  let ms = starts.get(date);
  if (ms === undefined) {
    ms = Date.parse(`${date}T00:00:00Z`);
    starts.set(date, ms);
  }
  return ms;
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
  // The summary: the most informative report, preferably in the reporter's words rather than inside a quote.
  const quoted = (c: EventCandidate) => (/^\s*["“‘']/.test(c.sentence) || /["”’']\s*$/.test(c.sentence) ? 3 : 0);
  const best = [...members].sort((a, b) => informationScore(b) - quoted(b) - (informationScore(a) - quoted(a)) || a.sentence.length - b.sentence.length)[0]!;
  const precise = cluster.dated ?? members[0]!;
  const casualties = uniqueCasualties(members.flatMap((m) => m.casualties));
  const seen = new Set<string>();
  const sources = members
    .map(sourceOf)
    .filter((s) => !seen.has(`${s.document}#${s.paragraph}`) && seen.add(`${s.document}#${s.paragraph}`))
    .sort((a, b) => a.document.localeCompare(b.document) || a.paragraph - b.paragraph);
  const actorKeys = new Set<string>();
  const actors = members.flatMap((m) => m.actors).filter((a) => !actorKeys.has(nameKey(a)) && actorKeys.add(nameKey(a)));
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

function precisionRank(c: EventCandidate): number {
  return { day: 0, week: 1, month: 2, year: 3 }[c.precision];
}

/** The place most reports agree on, preferring a place over a whole country, and one with coordinates. */
function mostSpecificPlace(places: { place: Place; count: number }[]): Place | null {
  const score = ({ place, count }: { place: Place; count: number }) => count + (place.lat !== null ? 0.5 : 0) - (place.name === place.country ? 10 : 0);
  return [...places].sort((a, b) => score(b) - score(a))[0]?.place ?? null;
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
