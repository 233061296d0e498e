// Actors named in a sentence: listed in the alias file, introduced by the article ("Kata'ib Hezbollah (KH)"),
// or shaped like an armed group ("... Brigades", "... Liberation Front").
import { nameKey, type AliasTable } from '../aliases.js';
import { matchesOf } from '../../util/matches.js';
import { packedMap } from '../../util/arrays.js';

const GROUP_HEAD = /^(?:brigades?|battalions?|front|movement|army|forces|militia|militias|hezbollah|hizballah|party|council|command|guards?|corps|organi[sz]ation|group|rebels|resistance|mobilization|mobilisation|alliance|coalition|ministry|government|police|military)$/i;
const NAME_WITH_ACRONYM = /((?:\p{Lu}[\p{L}'’.-]*\s+){0,6}\p{Lu}[\p{L}'’.-]*)\s+\((\p{Lu}[\p{Lu}\d&-]{1,9})\)/gu;
const CAPITALISED_RUN = /(?:\p{Lu}[\p{L}'’.]*(?:-\p{L}+)*)(?:\s+(?:(?:al|el|of|the|for|in|and|de)[-\s])?\p{Lu}[\p{L}'’.]*(?:-\p{L}+)*)*/gu;

/** Acronyms an article introduces: "Full Name (ACR)" -> ACR maps to Full Name. */
export function introducedAcronyms(text: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!text.includes('(')) return found;
  for (const match of matchesOf(NAME_WITH_ACRONYM, text)) {
    found.set(match[2]!, match[1]!.trim());
  }
  return found;
}

export function findActors(sentence: string, aliases: AliasTable, acronyms: Map<string, string>): string[] {
  const actors: string[] = [];
  const add = (name: string) => {
    const canonical = aliases.canonical(name) ?? name;
    if (!actors.some((a) => nameKey(a) === nameKey(canonical))) actors.push(canonical);
  };
  for (const match of matchesOf(CAPITALISED_RUN, sentence)) {
    const words = packedMap(match[0].split(/\s+/), (w) => w.replace(/[’']s$/, ''));
    let listed = false;
    // Longest listed name first, at any start within the run ("Iran's Islamic Revolutionary Guard Corps").
    for (let start = 0; start < words.length; start++) {
      for (let end = words.length; end > start; end--) {
        const candidate = words.slice(start, end).join(' ');
        const expanded = acronyms.get(candidate);
        if (aliases.canonical(candidate) || expanded) {
          add(expanded ?? candidate);
          listed = true;
          start = end - 1;
          break;
        }
      }
    }
    // Not listed, but shaped like an armed group or institution: "Sahel Liberation Front".
    const head = words[words.length - 1]!;
    if (!listed && words.length >= 2 && GROUP_HEAD.test(head) && !/^(?:The|A|An)$/.test(words[0]!)) add(words.join(' '));
  }
  return actors;
}
