// Event candidates from all articles -> events: reports of the same event become one event with several
// sources, and figures the sources disagree on become conflicts.
import type { Casualty, Conflict, Place, SitrepEvent } from '../../types.js';
import { nameKey, type AliasTable } from '../aliases.js';
import { distanceKm } from './places.js';
import { sourceOf, type EventCandidate } from './candidates.js';
import type { EventType } from '../knowledge.js';

const NEARBY_KM = 100;
const DAY = 86_400_000;

interface Cluster {
  members: EventCandidate[];
}

export function clusterEvents(candidates: EventCandidate[], aliases: AliasTable): SitrepEvent[] {
  const clusters: Cluster[] = [];
  // Dated, placed reports first, so that vaguer ones join an event rather than found their own.
  const ordered = [...candidates].sort((a, b) => informationScore(b) - informationScore(a) || a.document.localeCompare(b.document) || a.paragraph - b.paragraph);
  for (const candidate of ordered) {
    // Of the events a report could belong to, the one its own article told of nearest to it.
    const homes = clusters
      .map((cluster) => ({ cluster, strength: linkStrength(candidate, profile(cluster, aliases), aliases) }))
      .filter((h) => h.strength > 0);
    const distance = (cluster: Cluster) => Math.min(...cluster.members.map((m) => (m.document === candidate.document ? Math.abs(m.paragraph - candidate.paragraph) : 1000)));
    const home = homes.sort((a, b) => b.strength - a.strength || distance(a.cluster) - distance(b.cluster))[0]?.cluster;
    if (home) home.members.push(candidate);
    else clusters.push({ members: [candidate] });
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

/** What a cluster says so far: its best date, its most specific place, the actors any report names. */
interface Profile {
  type: EventType;
  dated: EventCandidate | null;
  first: EventCandidate;
  members: EventCandidate[];
  place: Place | null;
  actors: string[];
}

function profile(cluster: Cluster, aliases: AliasTable): Profile {
  return {
    type: mostSpecificType(cluster.members),
    dated: bestDated(cluster.members),
    first: cluster.members[0]!,
    members: cluster.members,
    place: mostSpecificPlace(cluster.members.map((m) => m.place)),
    actors: nonStateActors(cluster.members.flatMap((m) => m.actors), aliases),
  };
}

/** The date most reports give, at the finest precision any gives. */
function bestDated(members: EventCandidate[]): EventCandidate | null {
  const dated = members.filter((m) => m.dated);
  if (dated.length === 0) return null;
  const finest = Math.min(...dated.map(precisionRank));
  const precise = dated.filter((m) => precisionRank(m) === finest);
  const votes = (m: EventCandidate) => precise.filter((n) => n.date === m.date).length;
  return [...precise].sort((a, b) => votes(b) - votes(a) || (a.date ?? '').localeCompare(b.date ?? ''))[0]!;
}

/** 0 when the report cannot be of this event; otherwise how strongly it is tied to it. */
function linkStrength(candidate: EventCandidate, cluster: Profile, aliases: AliasTable): number {
  // A generic "attack" report can be the same event as a specific one ("was attacked" / "a missile attack").
  const statement = candidate.type.group === 'Statements' || cluster.type.group === 'Statements';
  if (candidate.type.id !== cluster.type.id && (statement || (!candidate.type.generic && !cluster.type.generic))) return 0;
  if (!placesCompatible(candidate.place, cluster.place)) return 0;
  // Disjoint actors are no veto: one report names the attacker, another the target.
  const actors = nonStateActors(candidate.actors, aliases);
  const sharesActor = actors.some((a) => cluster.actors.includes(a));
  // A shared armed group or a named place (not just a country) ties two reports together.
  const isSpecific = (p: Place | null) => p !== null && p.name !== p.country;
  const samePlace = isSpecific(candidate.place) && isSpecific(cluster.place) && placesCompatible(candidate.place, cluster.place);
  // An undated sentence of an article usually continues the event the article has dated.
  const sameArticle = !candidate.dated && cluster.members.some((m) => m.document === candidate.document && m.dated && m.type.id === candidate.type.id);
  const strength = (sharesActor ? 2 : 0) + (samePlace ? 2 : 0) + (sameArticle ? 1 : 0);
  const reference = cluster.dated ?? cluster.first;
  if (!datesOverlap(candidate, reference, strength > 0)) return 0;
  // One article that dates two reports to different days is telling of two events.
  if (candidate.dated && candidate.precision === 'day' && cluster.members.some((m) => m.document === candidate.document && m.dated && m.precision === 'day' && m.date !== candidate.date)) return 0;
  if (candidate.dated && cluster.dated && candidate.precision === cluster.dated.precision) return strength + 1;
  return strength;
}

function mostSpecificType(members: EventCandidate[]): EventType {
  return (members.find((m) => !m.type.generic) ?? members[0]!).type;
}

function nonStateActors(actors: string[], aliases: AliasTable): string[] {
  return [...new Set(actors.filter((a) => aliases.kindOf(a) !== 'state').map(nameKey))];
}

/** Date ranges overlap; linked day-precise reports get a day's slack ("Tuesday evening" in Washington is Wednesday in Baghdad). */
function datesOverlap(a: EventCandidate, b: EventCandidate, linked: boolean): boolean {
  if (!a.date || !b.date) return true;
  const slack = linked && a.precision === 'day' && b.precision === 'day' ? DAY : 0;
  const start = (d: string) => Date.parse(`${d}T00:00:00Z`);
  return start(a.date) <= start(b.dateEnd ?? b.date) + slack && start(b.date) <= start(a.dateEnd ?? a.date) + slack;
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

function toEvent(cluster: Cluster): SitrepEvent {
  const members = cluster.members;
  const best = [...members].sort((a, b) => informationScore(b) - informationScore(a) || a.sentence.length - b.sentence.length)[0]!;
  const precise = bestDated(members) ?? members[0]!;
  const casualties = uniqueCasualties(members.flatMap((m) => m.casualties));
  const sources = members
    .map(sourceOf)
    .filter((s, i, all) => all.findIndex((t) => t.document === s.document && t.paragraph === s.paragraph) === i)
    .sort((a, b) => a.document.localeCompare(b.document) || a.paragraph - b.paragraph);
  const actors = members.flatMap((m) => m.actors).filter((a, i, all) => all.findIndex((b) => nameKey(b) === nameKey(a)) === i);
  return {
    id: '',
    date: precise.date,
    dateEnd: precise.dateEnd,
    precision: precise.precision,
    type: mostSpecificType(members).id,
    summary: best.sentence.trim(),
    actors,
    location: mostSpecificPlace(members.map((m) => m.place)),
    casualties,
    sources,
    conflicts: conflictsIn(casualties),
  };
}

function precisionRank(c: EventCandidate): number {
  return { day: 0, week: 1, month: 2, year: 3 }[c.precision];
}

function mostSpecificPlace(places: (Place | null)[]): Place | null {
  const known = places.filter((p): p is Place => p !== null);
  // The place most reports agree on, preferring a place over a whole country, and one with coordinates.
  const score = (p: Place) => known.filter((q) => nameKey(q.name) === nameKey(p.name)).length + (p.lat !== null ? 0.5 : 0) - (p.name === p.country ? 10 : 0);
  return [...known].sort((a, b) => score(b) - score(a))[0] ?? null;
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
