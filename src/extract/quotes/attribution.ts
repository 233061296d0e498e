// Who said a quoted span: the words after it ("..." Kirby said), before it (Kirby said "..."), or the context.
import { ABBREVIATION, ORGANIZATION_WORDS, PERSON_NOUNS, ROLE_WORDS, SPEECH_VERBS } from '../lexicon.js';
import { withoutCompoundAdjectives, withoutDateline } from '../text.js';
import { parseSpeaker, type ParsedSpeaker } from './speaker.js';
import { matchesOf } from '../../util/matches.js';

const verbs = SPEECH_VERBS.map((v) => v.replace(/ /g, '\\s+')).join('|');
// "said Dr. Ibrahim Adam, director of the hospital." The appositive after the name is the role.
const PHRASE = `[^,.;!?]+?`;
const VERB_FIRST = new RegExp(`^(?:${verbs})\\s+(?!that\\b)(${PHRASE})(?:,\\s+((?:the|a|an)\\s+${PHRASE}|\\p{Ll}${PHRASE})(?=[.;!?]|$))?(?:[,.;!?]|$)`, 'iu');
const SPEAKER_FIRST = new RegExp(`^([^"“”]{1,140}?)\\s+(?:${verbs})\\b`, 'i');
// Case-sensitive on purpose (\\p{Lu} under /i matches any letter): only the title's first letter may vary.
const anyCase = (w: string) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`;
const TITLED_PERSON = new RegExp(`\\b(?:${[...ROLE_WORDS].filter((w) => w.length > 3).map(anyCase).join('|')})\\s+(?:${ABBREVIATION}\\s+)*\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+){1,3}`, 'gu');
const LEADING_CONJUNCTION = /^\s*(?:however|but|and|while|whereas|as|meanwhile|separately|earlier|later|in addition|also|on \p{Lu}\p{Ll}+day),?\s+/iu;
const VERB_LIKE = /^(?:\p{Ll}+(?:ed|s)|is|was|were|are|has|had|have|will|would|can|could|did|does|do|also|said|told|wrote|made|took|gave|went|came|saw|met|left|led|fled|urged|visited|spoke|condemned|called)$/u;
const BY_AGENT = /^by\s+([^,.;]+)/i;
const PASSIVE_BEFORE = /\b(?:described|characteri[sz]ed|called|termed|branded|labell?ed|dismissed)\s+(?:\S+\s+){0,4}as\s*$|\bas\s*$/i;
const VERB_ANYWHERE = new RegExp(`(^|[\\s,])(?:${verbs})\\b`, 'i');

/** Attribution in the words right after the closing mark, up to the end of the sentence. */
export function speakerAfter(after: string, before: string): ParsedSpeaker | null {
  const text = protectAbbreviations(after.replace(/^[\s,.;:!?—–-]+/, ''));
  if (!text) return null;
  if (PASSIVE_BEFORE.test(before)) {
    const agent = BY_AGENT.exec(text);
    if (agent) return parseSpeaker(agent[1]!);
  }
  const verbFirst = VERB_FIRST.exec(text);
  if (verbFirst) {
    const speaker = parseSpeaker(verbFirst[2] ? `${verbFirst[1]}, ${verbFirst[2]}` : verbFirst[1]!);
    if (speaker) return speaker;
  }
  const speakerFirst = SPEAKER_FIRST.exec(text);
  if (speakerFirst && !/\b(?:which|that|who|when|while|because)\b/i.test(speakerFirst[1]!)) return parseSpeaker(speakerFirst[1]!);
  return null;
}

const HIDDEN_DOT = '\u2024';

// Made once: a pattern constructed on every call costs more than the replacement (replace resets lastIndex).
const ABBREVIATIONS = new RegExp(ABBREVIATION, 'gu');

/** "Dr." and "U.S." keep their dots from ending a phrase; parseSpeaker puts them back. */
function protectAbbreviations(text: string): string {
  return text.replace(ABBREVIATIONS, (m) => m.replace(/\.$/, HIDDEN_DOT));
}

/** The subject of the first speech verb before the opening mark ("Kirby said the strikes were '...'"). */
export function speakerBefore(before: string): ParsedSpeaker | null {
  const verb = VERB_ANYWHERE.exec(before);
  if (verb) return subjectOf(before.slice(0, verb.index + verb[1]!.length));
  // "X had critical comments: '...'" and "X, in a statement: '...'".
  if (/:\s*$/.test(before)) return subjectPhrase(before);
  return null;
}

/** The noun phrase a sentence starts with, without relative clauses ("The Iraqi government, which ..., "). */
export function subjectPhrase(text: string): ParsedSpeaker | null {
  const cleaned = withoutCompoundAdjectives(withoutDateline(text))
    .replace(/,\s*(?:which|who|whose)\b[^,]*,/gi, ' ')
    .replace(LEADING_CONJUNCTION, '');
  const tokens = cleaned.trim().split(/\s+/);
  const kept: string[] = [];
  let stoppedAt: string | null = null;
  for (const token of tokens) {
    // Stop at the first lower-case word that is not part of a name or role ("issued", "also", "had").
    if (kept.length > 0 && /^\p{Ll}/u.test(token) && !isPhraseWord(token)) {
      stoppedAt = token;
      break;
    }
    kept.push(token);
  }
  const subject = kept.length > 0 ? parseSpeaker(kept.join(' ')) : null;
  // "Ain al-Asad air base was attacked": a name followed by a noun is a modifier, not a person.
  if (subject?.kind === 'person' && stoppedAt !== null && !VERB_LIKE.test(stoppedAt)) return null;
  return subject;
}

function isPhraseWord(token: string): boolean {
  const word = token.replace(/[,.]$/, '').toLowerCase();
  return (
    /^(?:of|the|a|an|al-\S+|el-\S+|bin|de|van|von|and|defen[cs]e|security|senior|military|militia|armed|paramilitary|[\p{Ll}-]+-(?:backed|linked|aligned|affiliated))$/u.test(word) ||
    PERSON_NOUNS.has(word) || ROLE_WORDS.has(word) || ORGANIZATION_WORDS.has(word)
  );
}

/**
 * Who a sentence without quotes introduces: the speaker of reported speech ("A spokeswoman, Cmdr. X, said Monday
 * that ..."), or a named person as its subject ("Health Minister X visited ..."), for a later "she said".
 */
export function mentionIn(sentence: string): ParsedSpeaker | null {
  const verb = VERB_ANYWHERE.exec(sentence);
  if (!verb) {
    const subject = subjectPhrase(sentence);
    return subject?.kind === 'person' && subject.name ? subject : null;
  }
  // "..., said the camp's coordinator, Jean-Paul Habimana." ("told ABC News" names the audience.)
  const rest = sentence.slice(verb.index + verb[1]!.length);
  const after = /^(?:said|says|added|wrote|according to)\s/i.test(rest) ? speakerAfter(rest, '') : null;
  if (after?.name) return after;
  return subjectOf(sentence.slice(0, verb.index + verb[1]!.length));
}

/** The speaker a clause names before its speech verb: the whole subject, or what follows its last comma. */
function subjectOf(before: string): ParsedSpeaker | null {
  const text = before.replace(/[\s,]+$/, '');
  const whole = subjectPhrase(text);
  if (whole?.name) return whole;
  // "The base was attacked ..., two US officials said": the speaker follows the last comma.
  const tail = text.includes(',') ? parseSpeaker(text.slice(text.lastIndexOf(',') + 1).replace(LEADING_CONJUNCTION, '')) : null;
  if (tail && isSpeaker(tail)) return tail;
  return whole && isSpeaker(whole) ? whole : null;
}

/** People introduced by title anywhere in a sentence ("after President Volodymyr Zelenskyy urged ..."). */
export function titledPeople(sentence: string): ParsedSpeaker[] {
  const people: ParsedSpeaker[] = [];
  for (const match of matchesOf(TITLED_PERSON, sentence)) {
    const person = parseSpeaker(match[0]);
    if (person?.kind === 'person' && person.name) people.push(person);
  }
  return people;
}

function isSpeaker(speaker: ParsedSpeaker): boolean {
  return speaker.kind === 'person' || speaker.kind === 'group';
}
