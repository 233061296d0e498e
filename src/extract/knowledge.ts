// The analyst-editable data files the extractor reads: gazetteer and event types (aliases are in aliases.ts).
import { z } from 'zod';
import type { Place } from '../types.js';
import { parseYaml } from '../util/yaml.js';
import { validate } from '../util/validate.js';
import { emptyAliases, nameKey, type AliasTable } from './aliases.js';

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
  triggers: RegExp;
}

export interface Knowledge {
  aliases: AliasTable;
  gazetteer: Gazetteer;
  eventTypes: EventType[];
}

export function parseGazetteer(text: string, file: string): Gazetteer {
  const { source, data } = parseYaml(text, file, 'DataInvalid');
  const { places } = validate(gazetteerSchema, data ?? { places: {} }, source, 'DataInvalid');
  const byKey = new Map<string, GazetteerEntry>();
  for (const [name, p] of Object.entries(places)) {
    const entry: GazetteerEntry = { name, country: p.country, lat: p.lat, lon: p.lon, kind: p.kind };
    for (const spelling of [name, ...p.aliases]) byKey.set(nameKey(spelling), entry);
  }
  const pattern = spellingPattern([...byKey.keys()]);
  return {
    byName: (name) => byKey.get(nameKey(name)) ?? null,
    find: (text) =>
      [...text.matchAll(pattern)].flatMap((m) => {
        const entry = byKey.get(nameKey(m[0]));
        return entry ? [{ entry, index: m.index! }] : [];
      }),
  };
}

/**
 * One regular expression that finds any of the spellings (given as name keys) in running text, tolerating what
 * nameKey ignores: case, apostrophes, hyphens for spaces, al-/el- prefixes, doubled vowels.
 */
export function spellingPattern(keys: string[]): RegExp {
  const article = "(?:(?:al|el|as|ash|ad|an|ar|az)[-\\s])?";
  const token = (t: string) =>
    article + [...t].map((c) => (/[aeiou]/.test(c) ? `${c}+` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) + "['’ʼ‘`]?").join('');
  const alternatives = [...keys]
    .sort((a, b) => b.length - a.length)
    .map((key) => key.split(' ').map(token).join('[\\s.-]+'));
  return new RegExp(`(?<![\\p{L}\\d])(?:the\\s+)?(?:${alternatives.join('|')})(?![\\p{L}\\d])`, 'giu');
}

export function parseEventTypes(text: string, file: string): EventType[] {
  const { source, data } = parseYaml(text, file, 'DataInvalid');
  const { types } = validate(eventTypesSchema, data ?? { types: {} }, source, 'DataInvalid');
  return Object.entries(types).map(([id, t]) => ({
    id,
    label: t.label,
    group: t.group,
    generic: t.generic,
    triggers: new RegExp(`\\b(?:${t.triggers.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s-]+')).join('|')})\\b`, 'i'),
  }));
}

export const emptyKnowledge: Knowledge = {
  aliases: emptyAliases,
  gazetteer: { find: () => [], byName: () => null },
  eventTypes: [],
};
