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

/** The data files, parsed, and a key that changes when any of them does (for the extraction cache). */
export async function readKnowledge(dataDir = builtinData): Promise<{ knowledge: Knowledge; key: string }> {
  const texts: string[] = [];
  const read = async <T>(name: string, parse: (text: string, file: string) => T): Promise<T> => {
    const file = path.join(dataDir, name);
    const text = await readFile(file, 'utf8');
    texts.push(text);
    return parse(text, file);
  };
  const knowledge = {
    aliases: await read('aliases.yaml', parseAliases),
    gazetteer: await read('gazetteer.yaml', parseGazetteer),
    eventTypes: await read('event-types.yaml', parseEventTypes),
  };
  return { knowledge, key: knowledgeKeyOf(texts) };
}

