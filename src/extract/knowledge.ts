// The analyst-editable data files the extractor reads: gazetteer and event types (aliases are in aliases.ts).
import { z } from 'zod';
import type { Place } from '../types.js';
import { parseYaml } from '../util/yaml.js';
import { validate } from '../util/validate.js';
import { emptyAliases, nameKey, type AliasTable } from './aliases.js';
import { matchesOf } from '../util/matches.js';
import { packedMap } from '../util/arrays.js';

const gazetteerSchema = z.strictObject({
  places: z.record(
    z.string(),
    z.strictObject({
      kind: z.enum(['country', 'region', 'city', 'base', 'site']),
      country: z.string().nullable(),
      lat: z.number().min(-90).max(90),
      lon: z.number().min(-180).max(180),
      aliases: z.array(z.string()).default([]),
    }),
  ),
});

const eventTypesSchema = z.strictObject({
  types: z.record(
    z.string(),
    z.strictObject({ label: z.string(), group: z.string(), generic: z.boolean().default(false), triggers: z.array(z.string()).min(1) }),
  ),
});

export interface GazetteerEntry extends Place {
  kind: 'country' | 'region' | 'city' | 'base' | 'site';
}

export interface Gazetteer {
  /** Places named in a text, longest spelling first, with their offsets. */
  find(text: string): { entry: GazetteerEntry; index: number }[];
  byName(name: string): GazetteerEntry | null;
}

export interface EventType {
  id: string;
  label: string;
  group: string;
  /** A catch-all ("attack") that a more specific type in the same clause replaces. */
  generic: boolean;
  /** The trigger words and phrases as one alternation (a pattern's source, without word boundaries). */
  triggerWords: string;
  triggers: RegExp;
}

export interface Knowledge {
  aliases: AliasTable;
  gazetteer: Gazetteer;
  eventTypes: EventType[];
}

/**
 * Reads every field of a Knowledge, which parses those the edge left to be parsed when asked for (knowledge.ts):
 * an unchanged corpus taken from the cache never asks.
 */
export function parseAllKnowledge({ aliases, gazetteer, eventTypes }: Knowledge): void {
  void [aliases, gazetteer, eventTypes];
}

export function parseGazetteer(text: string, file: string): Gazetteer {
  const { source, data } = parseYaml(text, file, 'DataInvalid');
  const { places } = validate(gazetteerSchema, data ?? { places: {} }, source, 'DataInvalid');
  const byKey = new Map<string, GazetteerEntry>();
  for (const [name, p] of Object.entries(places)) {
    const entry: GazetteerEntry = { name, country: p.country, lat: p.lat, lon: p.lon, kind: p.kind };
    for (const spelling of [name, ...p.aliases]) byKey.set(nameKey(spelling), entry);
  }
  const index = spellingIndex(byKey);
  return {
    byName: (name) => byKey.get(nameKey(name)) ?? null,
    find: (text) => findSpellings(text, index),
  };
}

/**
 * Names of `byKey` in running text, longest first, with their offsets: the text's words are keyed one by one
 * (nameKey ignores case, apostrophes, hyphens, al-/el- prefixes and doubled vowels) and joined into n-grams.
 */
export interface SpellingIndex<T> {
  byKey: Map<string, T>;
  /** The keys' leading words ("jurf", "jurf sakhar"): an n-gram that is none of these starts no name. */
  prefixes: Set<string>;
  longest: number;
}

export function spellingIndex<T>(byKey: Map<string, T>): SpellingIndex<T> {
  const prefixes = new Set<string>();
  let longest = 1;
  for (const key of byKey.keys()) {
    const words = key.split(' ');
    longest = Math.max(longest, words.length);
    for (let n = 1; n <= words.length; n++) prefixes.add(words.slice(0, n).join(' '));
  }
  return { byKey, prefixes, longest };
}

// A word of a name: letters and digits, inner hyphens and full stops, apostrophes of any shape.
const WORD = /[\p{L}\d'’ʼ‘`]+(?:[-.][\p{L}\d'’ʼ‘`]+)*\.?/gu;

export function findSpellings<T>(text: string, { byKey, prefixes, longest }: SpellingIndex<T>): { entry: T; index: number }[] {
  const words = matchesOf(WORD, text);
  const keys = packedMap(words, (w) => nameKey(w[0]));
  const found: { entry: T; index: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    // A word keyed "" (an article such as "al") may stand before a name; any other must be able to start one.
    if (keys[i] === 'the' || (keys[i] !== '' && !prefixes.has(firstWord(keys[i]!)))) continue;
    // The longest n-gram from here that is a name: n-grams grow while they can still start one.
    let key = '';
    let longestMatch: { entry: T; n: number } | null = null;
    for (let n = 1; n <= Math.min(longest + 2, words.length - i); n++) {
      const word = keys[i + n - 1]!;
      if (word !== '') key = key === '' ? word : `${key} ${word}`;
      const entry = byKey.get(key);
      if (entry !== undefined) longestMatch = { entry, n };
      if (key !== '' && !prefixes.has(key)) break;
    }
    if (longestMatch) {
      found.push({ entry: longestMatch.entry, index: words[i]!.index! });
      i += longestMatch.n - 1;
    }
  }
  return found;
}

function firstWord(key: string): string {
  const space = key.indexOf(' ');
  return space < 0 ? key : key.slice(0, space);
}

export function parseEventTypes(text: string, file: string): EventType[] {
  const { source, data } = parseYaml(text, file, 'DataInvalid');
  const { types } = validate(eventTypesSchema, data ?? { types: {} }, source, 'DataInvalid');
  return Object.entries(types).map(([id, t]) => {
    const triggerWords = t.triggers.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s-]+')).join('|');
    const type: EventType = { id, label: t.label, group: t.group, generic: t.generic, triggerWords, triggers: new RegExp(`\\b(?:${triggerWords})\\b`, 'i') };
    // As JSON (a cache entry, a worker's results), a type is its id: its patterns would not survive the trip.
    return Object.defineProperty(type, 'toJSON', { value: () => id, enumerable: false });
  });
}

export const emptyKnowledge: Knowledge = {
  aliases: emptyAliases,
  gazetteer: { find: () => [], byName: () => null },
  eventTypes: [],
};
