// A speaker phrase ("Pentagon spokesman Brig. Gen. Pat Ryder") -> name, role and organisation.
import type { Speaker } from '../../types.js';
import { withoutCompoundAdjectives } from '../text.js';
import { GROUP_ANAPHORS, NAME_PARTICLES, ORGANIZATION_WORDS, PERSON_NOUNS, PRONOUNS, RANKS, ROLE_WORDS } from '../lexicon.js';
import { packedMap } from '../../util/arrays.js';

const NOT_A_SUBJECT = /^(?:about|after|before|until|when|while|since|during|in|on|at|for|with|without|despite|amid|if|although|immediately|this|that|it|there|here|unlike)$/i;

export type SpeakerKind = 'person' | 'group' | 'pronoun' | 'anaphor';

export interface ParsedSpeaker extends Speaker {
  kind: SpeakerKind;
  /** For pronouns and anaphora ("the official"): the word to resolve against earlier speakers. */
  anaphor?: string;
  /** "one of the officials" refers to one person of a group named before. */
  singular?: boolean;
  /** An acronym the text introduces for this speaker: "U.S. Central Command (CENTCOM)". */
  acronym?: string;
}

const LEADING = /^(?:(?:also|however|and|but|then|later|meanwhile),?\s+)*(?:(?:one|two|three|some|several|many|both|each|all|another|other)\s+(?:of\s+)?)?(?:(?:the|a|an|these|those|its|their|his|her)\s+)?/i;
const TRAILING = /\s*(?:,\s*(?:who|which|whose|speaking|adding|according)\b.*|\bspeaking on (?:the )?condition.*|\bin an? (?:emailed |written |joint )?statement.*|\bon (?:the )?condition.*|\bon (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.*|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)\b.*|\balso\b.*)$/i;

// Speaker phrases are formulaic ("officials said", "the ministry said"): each is parsed once per few thousand.
const parsed = new Map<string, ParsedSpeaker | null>();

/** The speaker a phrase names, or null. Pure: results are shared, so callers copy before they change one. */
const ACRONYM = '[\\p{Lu}\\d&.-]{2,}';
const INTRODUCED_ACRONYM = new RegExp(`\\((${ACRONYM})\\)`, 'u');
/** A word that could be an acronym a speaker was introduced with. */
export const isAcronym = (word: string): boolean => WHOLE_ACRONYM.test(word);
const WHOLE_ACRONYM = new RegExp(`^${ACRONYM}$`, 'u');

export function parseSpeaker(raw: string): ParsedSpeaker | null {
  let speaker = parsed.get(raw);
  if (speaker === undefined) {
    if (parsed.size >= 5000) parsed.clear();
    speaker = parsePhrase(raw);
    parsed.set(raw, speaker === null ? null : Object.freeze(speaker));
  }
  return speaker;
}

function parsePhrase(raw: string): ParsedSpeaker | null {
  raw = raw.replace(/\u2024/g, '.');
  const phrase = withoutCompoundAdjectives(raw).replace(TRAILING, '').replace(/\s+/g, ' ').replace(/^[\s,;:—–-]+|[\s,;:—–-]+$/g, '');
  if (!phrase || phrase.split(/\s+/).length > 14) return null;
  const lower = phrase.toLowerCase();
  if (lower.length <= 4 && Object.hasOwn(PRONOUNS, lower)) return { kind: 'pronoun', anaphor: lower, name: null, role: null, organization: null };

  const hadDeterminer = LEADING.exec(phrase)?.[0] ?? '';
  const core = phrase.slice(hadDeterminer.length).trim();
  if (!core) return null;

  // "a statement from Central Command": the statement speaks for its author.
  const statementBy = /^(?:\S+\s+){0,2}statement\s+(?:from|by|of|issued by)\s+(.+)$/i.exec(core);
  if (statementBy) return parseSpeaker(statementBy[1]!);
  // "Foreign Ministry spokesman Saeed Khatibzadeh of Iran".
  const ofPlace = /^(.*\S)\s+of\s+(\p{Lu}.*)$/u.exec(core);
  if (ofPlace) {
    const person = parseSpeaker(ofPlace[1]!);
    if (person?.kind === 'person' && person.name) return { ...person, organization: person.organization ?? ofPlace[2]! };
    // "A resident of Djenne", "the director of the hospital"
    if (person?.kind === 'person') return { ...person, role: core };
  }

  // "A Pentagon spokeswoman, Navy Cmdr. Jessica McNulty" or "Jessica McNulty, a Pentagon spokeswoman".
  const parts = core.split(/\s*,\s*/).filter(Boolean);
  if (parts.length === 2) {
    const [a, b] = packedMap(parts, (p) => parseSpeaker(p));
    const named = a?.name ? a : b?.name ? b : null;
    const otherText = named === a ? parts[1]! : parts[0]!;
    if (named && named.kind === 'person') {
      // The appositive that is not the name says what the person is, better than a bare rank.
      const other = parseSpeaker(otherText);
      const describes = other && !other.name && (other.kind === 'person' || other.kind === 'anaphor' || other.kind === 'group');
      const role = describes && other.role ? other.role : describes ? otherText.replace(/^(?:the|a|an)\s+/i, '') : named.role;
      return { ...named, role, organization: named.organization ?? other?.organization ?? null };
    }
  }

  const acronym = INTRODUCED_ACRONYM.exec(core)?.[1];
  const tokens = core.replace(/\s*\([^)]*\)/g, '').split(/\s+/).filter(Boolean);
  const { name, rest } = trailingName(tokens);
  const head = tokens[tokens.length - 1]!.toLowerCase();
  const roleTokens = dropRanks(rest);
  const role = roleTokens.length > 0 ? roleTokens.join(' ') : null;

  // "the Red Crescent": a capitalised name right after an article names an institution, not a person.
  const institution = name !== null && rest.length === 0 && /\b(?:the|an?)\s+$/i.test(hadDeterminer);
  if (name && !institution) return { kind: 'person', name, role, organization: organizationOf(roleTokens) };
  if (PERSON_NOUNS.has(head)) {
    // "the official" with nothing else is a reference back, not a new speaker.
    const kind = /^(the|one|another)\b/i.test(hadDeterminer) && roleTokens.length <= 2 ? 'anaphor' : 'person';
    const singular = /^one\b/i.test(hadDeterminer) || !head.endsWith('s');
    return { kind, anaphor: head.replace(/s$/, ''), singular, name: null, role: core, organization: organizationOf(roleTokens) };
  }
  if (head === 'statement') return { kind: 'anaphor', anaphor: 'statement', name: null, role: null, organization: null };
  // "the group said": a reference back to the group named before.
  if (GROUP_ANAPHORS.has(head) && tokens.length === 1 && /\bthe\s+$/i.test(hadDeterminer)) return { kind: 'anaphor', anaphor: head, name: null, role: null, organization: null };
  // A speaking group is named ("Hamas", "the Iraqi government"), not just any noun ("the strike", "About 24").
  if (!tokens.some((t) => /^\p{Lu}/u.test(t) || ORGANIZATION_WORDS.has(t.toLowerCase()))) return null;
  if (NOT_A_SUBJECT.test(tokens[0]!) || tokens.some((t) => /^\d/.test(t))) return null;
  // A participle or adverb that starts the sentence ("Suspected", "Reportedly") is not a name.
  if (tokens.length === 1 && /^\p{Lu}\p{Ll}+(?:ed|ing|ly)$/u.test(tokens[0]!)) return null;
  // "Suspected jihadists": a capital that only starts the sentence names nobody.
  const capitalised = tokens.filter((t) => /^\p{Lu}/u.test(t));
  if (tokens.length >= 2 && capitalised.length === 1 && capitalised[0] === tokens[0] && !tokens.some((t) => ORGANIZATION_WORDS.has(t.toLowerCase())) && !/^\p{Lu}{2,}/u.test(tokens[0]!)) return null;
  return { kind: 'group', name: null, role: null, organization: tokens.join(' '), acronym };
}

/** The run of capitalised words at the end of the phrase, if it reads as a personal name. */
function trailingName(tokens: string[]): { name: string | null; rest: string[] } {
  let i = tokens.length;
  while (i > 0) {
    const token = tokens[i - 1]!;
    const bare = token.replace(/[.,]$/, '').toLowerCase();
    const isNameWord = /^\p{Lu}[\p{L}'’.-]*$/u.test(token) || /^(?:al|el|bin|ibn|abu|de|da|van|von)-\p{Lu}/u.test(token) || (NAME_PARTICLES.test(token) && i < tokens.length);
    if (!isNameWord || ROLE_WORDS.has(bare) || RANKS.has(token.toLowerCase()) || ORGANIZATION_WORDS.has(bare)) break;
    i--;
  }
  const nameTokens = tokens.slice(i);
  const rest = tokens.slice(0, i);
  const isAbbreviation = nameTokens.length === 1 && /^[\p{Lu}.]+$/u.test(nameTokens[0]!);
  const introduced = rest.length > 0 && (ROLE_WORDS.has(rest[rest.length - 1]!.replace(/\.$/, '').toLowerCase()) || PERSON_NOUNS.has(rest[rest.length - 1]!.toLowerCase()) || RANKS.has(rest[rest.length - 1]!.toLowerCase()));
  // A lone capitalised word ("Singh") is a name only where a title introduces it or it is resolved later.
  const plausible = nameTokens.length >= 2 && nameTokens.length <= 5 ? true : nameTokens.length === 1 && !isAbbreviation && introduced;
  if (nameTokens.length === 0 || !plausible) return { name: null, rest: tokens };
  return { name: nameTokens.join(' '), rest };
}

function dropRanks(tokens: string[]): string[] {
  const kept: string[] = [];
  tokens.forEach((token, i) => {
    if (RANKS.has(token.toLowerCase())) {
      // "Navy Cmdr.": the service before a rank belongs to the rank.
      const previous = kept[kept.length - 1];
      if (previous && /^\p{Lu}/u.test(previous) && !ROLE_WORDS.has(previous.toLowerCase()) && i === kept.length) kept.pop();
      return;
    }
    kept.push(token);
  });
  return kept;
}

/** Proper nouns in a role ("Pentagon spokesman" -> "Pentagon"; "Foreign Ministry spokesman" -> "Foreign Ministry"). */
function organizationOf(roleTokens: string[]): string | null {
  const proper = roleTokens.filter((t) => /^\p{Lu}/u.test(t) && !isDemonym(t) && (!ROLE_WORDS.has(t.toLowerCase()) || ORGANIZATION_WORDS.has(t.toLowerCase())));
  if (proper.length === 0) return null;
  const lastOrgWord = roleTokens.findLastIndex((t) => ORGANIZATION_WORDS.has(t.toLowerCase()) && /^\p{Lu}/u.test(t));
  if (lastOrgWord >= 0) {
    let start = lastOrgWord;
    while (start > 0 && /^\p{Lu}/u.test(roleTokens[start - 1]!)) start--;
    return roleTokens.slice(start, lastOrgWord + 1).join(' ');
  }
  return proper.join(' ');
}

function isDemonym(word: string): boolean {
  return /^\p{Lu}\p{Ll}+(?:ian|ean|ish|ese|i|an)$/u.test(word) || /^\p{Lu}\.(?:\p{Lu}\.)+$/u.test(word);
}
