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
    const home = clusters.find((cluster) => belongsTo(candidate, profile(cluster, aliases), aliases));
    if (home) home.members.push(candidate);
    else clusters.push({ members: [candidate] });
  }
  // An undated, uncounted aside in the middle of an article is background, not an event of the period.
  const substantial = clusters.filter((c) => c.members.some((m) => m.dated || m.lead || m.casualties.length > 0));
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
  place: Place | null;
  actors: string[];
}

function profile(cluster: Cluster, aliases: AliasTable): Profile {
  const dated = cluster.members.filter((m) => m.dated).sort((a, b) => precisionRank(a) - precisionRank(b))[0] ?? null;
  return {
    type: mostSpecificType(cluster.members),
    dated,
    first: cluster.members[0]!,
    place: mostSpecificPlace(cluster.members.map((m) => m.place)),
    actors: nonStateActors(cluster.members.flatMap((m) => m.actors), aliases),
  };
}

function belongsTo(candidate: EventCandidate, cluster: Profile, aliases: AliasTable): boolean {
  // A generic "attack" report can be the same event as a specific one ("was attacked" / "a missile attack").
  if (candidate.type.id !== cluster.type.id && !candidate.type.generic && !cluster.type.generic) return false;
  if (candidate.type.group === 'Statements' || cluster.type.group === 'Statements') {
    if (candidate.type.id !== cluster.type.id) return false;
  }
  if (!placesCompatible(candidate.place, cluster.place)) return false;
  const actors = nonStateActors(candidate.actors, aliases);
  const sharesActor = actors.some((a) => cluster.actors.includes(a));
  if (actors.length > 0 && cluster.actors.length > 0 && !sharesActor) return false;
  const reference = cluster.dated ?? cluster.first;
  if (!datesOverlap(candidate, reference)) return false;
  if (candidate.dated && cluster.dated) return true;
  // Without a date on both sides, a shared armed group or a named place must tie the reports together.
  const samePlace = candidate.place !== null && cluster.place !== null && candidate.place.name !== candidate.place.country && placesCompatible(candidate.place, cluster.place);
  return sharesActor || samePlace;
}

function mostSpecificType(members: EventCandidate[]): EventType {
  return (members.find((m) => !m.type.generic) ?? members[0]!).type;
}

function nonStateActors(actors: string[], aliases: AliasTable): string[] {
  return [...new Set(actors.filter((a) => aliases.kindOf(a) !== 'state').map(nameKey))];
}

function datesOverlap(a: EventCandidate, b: EventCandidate): boolean {
  if (!a.date || !b.date) return true;
  // A day's slack: "Tuesday evening" in Washington is Wednesday morning in Baghdad.
  const slack = a.precision === 'day' && b.precision === 'day' ? DAY : 0;
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
  return km !== null ? km <= NEARBY_KM : a.country !== null && a.country === b.country;
}

function toEvent(cluster: Cluster): SitrepEvent {
  const members = cluster.members;
  const best = [...members].sort((a, b) => informationScore(b) - informationScore(a) || a.sentence.length - b.sentence.length)[0]!;
  const dated = members.filter((m) => m.dated);
  const precise = (dated.length > 0 ? dated : members).sort((a, b) => precisionRank(a) - precisionRank(b))[0]!;
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
