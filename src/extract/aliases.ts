// The analyst's alias list (data/aliases.yaml) and the spelling rules that match names against it.
import { z } from 'zod';
import { parseYaml } from '../util/yaml.js';
import { validate } from '../util/validate.js';

const aliasFileSchema = z.strictObject({
  actors: z.record(
    z.string(),
    z.strictObject({
      kind: z.enum(['group', 'person', 'state', 'organization']),
      aliases: z.array(z.string()).default([]),
    }),
  ),
});

export type ActorKind = 'group' | 'person' | 'state' | 'organization';

export interface AliasTable {
  /** Canonical name for a spelling, or null when the name is not listed. */
  canonical(name: string): string | null;
  kindOf(name: string): ActorKind | null;
}

export function parseAliases(text: string, file: string): AliasTable {
  const { source, data } = parseYaml(text, file, 'DataInvalid');
  const { actors } = validate(aliasFileSchema, data ?? { actors: {} }, source, 'DataInvalid');
  const byKey = new Map<string, { name: string; kind: ActorKind }>();
  for (const [name, entry] of Object.entries(actors)) {
    for (const spelling of [name, ...entry.aliases]) byKey.set(nameKey(spelling), { name, kind: entry.kind });
  }
  return {
    canonical: (name) => byKey.get(nameKey(name))?.name ?? null,
    kindOf: (name) => byKey.get(nameKey(name))?.kind ?? null,
  };
}

export const emptyAliases: AliasTable = { canonical: () => null, kindOf: () => null };

/**
 * A spelling-insensitive key: case, diacritics, apostrophes, hyphens, a leading article
 * or al-/el- prefix and doubled vowels do not distinguish two names.
 */
export function nameKey(name: string): string {
  let key = keyCache.get(name);
  if (key === undefined) {
    if (keyCache.size > 200_000) keyCache.clear(); // bounded: corpora repeat the same names
    key = computeNameKey(name);
    keyCache.set(name, key);
  }
  return key;
}

const keyCache = new Map<string, string>();

function computeNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’ʼ‘`´]/g, '')
    .replace(/^the\s+/, '')
    .replace(/\b(?:al|el|as|ash|ad|an|ar|az)(?:[-\s]|$)/g, '')
    .replace(/[-\s.]+/g, ' ')
    .replace(/([aeiou])\1+/g, '$1')
    .trim();
}
