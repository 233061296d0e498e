// The analyst-editable data files (aliases, gazetteer, event types), read and parsed: what extraction knows of
// the world. Read here, at the edge; the rules get the parsed Knowledge.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAliases } from './extract/aliases.js';
import { parseEventTypes, parseGazetteer, type Knowledge } from './extract/knowledge.js';
import { knowledgeKeyOf } from './cache/entries.js';
import { builtinData } from './paths.js';

/** The analyst-editable data files: aliases, gazetteer, event types. */
export async function loadKnowledge(dataDir = builtinData): Promise<Knowledge> {
  return (await readKnowledge(dataDir)).knowledge;
}

/**
 * The data files, and a key that changes when any of them does (for the extraction cache). The aliases and the
 * gazetteer are parsed when extraction first asks for them: an unchanged corpus under unchanged data files is taken
 * from the cache and never asks (their parsing was about 10 ms of such a build). A file edited into a mistake
 * changes the key, so its articles are extracted again and the mistake is reported as before.
 */
export async function readKnowledge(dataDir = builtinData): Promise<{ knowledge: Knowledge; key: string }> {
  const read = async (name: string) => {
    const file = path.join(dataDir, name);
    return { file, text: await readFile(file, 'utf8') };
  };
  const [aliases, gazetteer, eventTypes] = await Promise.all([read('aliases.yaml'), read('gazetteer.yaml'), read('event-types.yaml')]);
  const knowledge = parsedWhenAsked<Knowledge>({
    aliases: () => parseAliases(aliases.text, aliases.file),
    gazetteer: () => parseGazetteer(gazetteer.text, gazetteer.file),
  }, { eventTypes: parseEventTypes(eventTypes.text, eventTypes.file) });
  return { knowledge, key: knowledgeKeyOf([aliases.text, gazetteer.text, eventTypes.text]) };
}

/** An object whose lazy fields are made on first read, once. */
function parsedWhenAsked<T extends object>(lazy: { [K in keyof T]?: () => T[K] }, eager: Partial<T>): T {
  const target = { ...eager } as T;
  for (const [name, make] of Object.entries(lazy) as [string, () => unknown][]) {
    Object.defineProperty(target, name, {
      enumerable: true,
      configurable: true,
      get() {
        const value = make();
        Object.defineProperty(target, name, { value, enumerable: true, writable: false });
        return value;
      },
    });
  }
  return target;
}
