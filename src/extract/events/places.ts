// The place of an event: the most specific gazetteer place the sentence names, else a capitalised name after "in"/"near".
import type { Place } from '../../types.js';
import type { Gazetteer, GazetteerEntry } from '../knowledge.js';
import { withoutCompoundAdjectives } from '../text.js';
import { matchesOf } from '../../util/matches.js';
import { packedMap } from '../../util/arrays.js';

const SPECIFICITY: Record<GazetteerEntry['kind'], number> = { base: 4, site: 4, city: 3, region: 2, country: 1 };
const NOT_PLACES = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An)$/;
const AFTER_PREPOSITION = /\b(?:in|near|at|outside|around)\s+(?:the\s+)?(\p{Lu}[\p{L}'’-]+(?:\s+(?:al-|el-)?\p{Lu}[\p{L}'’-]+){0,2})/gu;

/**
 * Places named after the trigger word are where it happened ("killed ... near the border"); places before it are
 * often where it was reported from ("told reporters in Baghdad"). "South of Baghdad" locates, it is not the place.
 */
export function findPlace(sentence: string, gazetteer: Gazetteer, isActor: (name: string) => boolean, triggerIndex = 0): Place | null {
  const text = withoutCompoundAdjectives(sentence);
  const all = gazetteer.find(text).filter((f) => {
    const before = text.slice(Math.max(0, f.index - 20), f.index);
    const after = text.slice(f.index, f.index + f.entry.name.length + 12);
    // "west of Goma" locates; "Colombia's defence ministry" is an actor; "Puerto Jordan" is another place.
    return !DIRECTIONAL.test(before) && !/^[\p{L} .-]+?['’]s\b/u.test(after) && !/\p{Lu}[\p{L}'’-]*\s+$/u.test(before);
  });
  const after = all.filter((f) => f.index >= triggerIndex);
  const named = packedMap(after.length > 0 ? after : all, (f) => f.entry);
  const best = named.length > 0 ? named.reduce((a, b) => (SPECIFICITY[b.kind] > SPECIFICITY[a.kind] ? b : a)) : null;
  // "the suburb of Solino", "Pa Zi Gyi village": named as a locality, finer than any city or region around it.
  const typed = typedPlace(text);
  if (typed && (!best || SPECIFICITY[best.kind] < SPECIFICITY.base)) {
    const known = gazetteer.byName(typed);
    return known ? { name: known.name, country: known.country, lat: known.lat, lon: known.lon } : { name: typed, country: best?.country ?? null, lat: null, lon: null };
  }
  if (best) return { name: best.name, country: best.country, lat: best.lat, lon: best.lon };
  for (const match of matchesOf(AFTER_PREPOSITION, text)) {
    const name = match[1]!;
    if (NOT_PLACES.test(name.split(' ')[0]!) || isActor(name)) continue;
    return { name, country: null, lat: null, lon: null };
  }
  return null;
}

const LOCALITY = 'suburb|neighbourhood|neighborhood|district|village|town|city|camp|province|region|state|governorate|county';
const LOCALITY_OF = new RegExp(`\\b(?:${LOCALITY}) of (\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+){0,2})`, 'u');
const NAME_LOCALITY = new RegExp(`\\b(\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+){0,2})\\s+(?:${LOCALITY})\\b`, 'u');
// Both need one of the words: most clauses have none, and the word alone is quicker to look for than either pattern.
const LOCALITY_WORD = new RegExp(`\\b(?:${LOCALITY})\\b`);

function typedPlace(text: string): string | null {
  if (!LOCALITY_WORD.test(text)) return null;
  const of = LOCALITY_OF.exec(text);
  if (of) return of[1]!;
  const named = NAME_LOCALITY.exec(text);
  // "the southern Lebanese town" names no town; "Sagaing region" does.
  if (named && !/(?:ese|ian|ish|an|i)$/.test(named[1]!.split(' ').pop()!)) return named[1]!;
  return null;
}

const DIRECTIONAL = /\b(?:north|south|east|west|northeast|northwest|southeast|southwest|outside)(?:ern)? of\s*$/i;

/** Kilometres between two places, or null when either has no coordinates. */
export function distanceKm(a: Place, b: Place): number | null {
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return null;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
