// Earlier speakers of an article, and how a later reference ("he", "the official", "Singh", "CENTCOM") finds one.
import type { QuoteContext } from './index.js';
import { isAcronym, type ParsedSpeaker } from './speaker.js';
import { GROUP_ANAPHORS } from '../lexicon.js';

export class SpeakerMemory {
  /**
   * The speakers each sentence names, in the article's order. A sentence's are looked for only when an earlier
   * speaker is asked for, and from the latest sentence back, until one fits: the sentences before it, and those
   * no quote follows, are never looked at (40-57% of the sentences of the sample and test corpora, 86% of the
   * generated one).
   */
  private readonly named: (ParsedSpeaker[] | (() => (ParsedSpeaker | null)[]))[] = [];

  constructor(readonly context: QuoteContext) {}

  remember(speaker: ParsedSpeaker): void {
    this.named.push(isMention(speaker) ? [speaker] : []);
  }

  /** Remembers what `find` gives, should an earlier speaker ever be asked for. */
  rememberLater(find: () => (ParsedSpeaker | null)[]): void {
    this.named.push(find);
  }

  /** The most recent person or group mentioned that `fits`. */
  recent(fits: (mention: ParsedSpeaker) => boolean): ParsedSpeaker | null {
    for (let i = this.named.length - 1; i >= 0; i--) {
      let mentions = this.named[i]!;
      if (typeof mentions === 'function') this.named[i] = mentions = mentions().filter((m): m is ParsedSpeaker => m !== null && isMention(m));
      for (let j = mentions.length - 1; j >= 0; j--) if (fits(mentions[j]!)) return mentions[j]!;
    }
    return null;
  }

  lastSpeaker(): ParsedSpeaker | null {
    return this.recent(() => true);
  }

  /** The organization the acronym was last given for ("the Islamic Resistance in Iraq (IRI)"). */
  expandAcronym(word: string): string | null {
    if (!isAcronym(word)) return null; // and the mentions need not be looked for
    return this.recent((m) => m.acronym === word && !!m.organization)?.organization ?? null;
  }
}

/** Only people and groups are referred back to. */
function isMention(speaker: ParsedSpeaker): boolean {
  return speaker.kind === 'person' || speaker.kind === 'group';
}

export function resolveSpeaker(speaker: ParsedSpeaker, memory: SpeakerMemory): ParsedSpeaker | null {
  if (speaker.kind === 'pronoun') {
    const wantsPerson = speaker.anaphor === 'he' || speaker.anaphor === 'she';
    return memory.recent((m) => (wantsPerson ? m.kind === 'person' : true));
  }
  if (speaker.kind === 'anaphor') {
    if (speaker.anaphor === 'statement') return memory.recent((m) => m.kind === 'group');
    if (GROUP_ANAPHORS.has(speaker.anaphor!)) return memory.recent((m) => m.kind === 'group' && fitsGroupAnaphor(m, speaker.anaphor!));
    const antecedent = memory.recent((m) => m.kind === 'person' && (m.role ?? '').toLowerCase().includes(speaker.anaphor!));
    if (!antecedent) return { ...speaker, kind: 'person' };
    return speaker.singular ? { ...antecedent, role: singularRole(antecedent.role) } : antecedent;
  }
  if (speaker.kind === 'group' && speaker.organization) {
    const word = speaker.organization;
    const expanded = memory.expandAcronym(word);
    if (expanded) return { ...speaker, organization: expanded };
    // A bare surname ("Singh said") refers to the person named in full earlier.
    const person = /^\p{Lu}[\p{L}'’-]+$/u.test(word) ? memory.recent((m) => m.name?.split(' ').pop() === word) : null;
    if (person) return person;
  }
  if (speaker.kind === 'person' && speaker.name) {
    if (memory.context.isKnownGroup(speaker.name)) return { kind: 'group', name: null, role: null, organization: speaker.name };
    if (!speaker.role) return memory.recent((m) => !!m.name?.endsWith(speaker.name!) && !!m.role) ?? speaker;
  }
  return speaker;
}

/** "the army" refers back to an army; "the group" to an armed group rather than a state institution. */
function fitsGroupAnaphor(mention: ParsedSpeaker, noun: string): boolean {
  const name = (mention.organization ?? '').toLowerCase();
  if (STATE_INSTITUTIONS.test(noun)) return name.includes(noun) || (noun === 'military' && name.includes('army'));
  return !STATE_INSTITUTIONS.test(name);
}

const STATE_INSTITUTIONS = /\b(?:army|military|ministry|government|police|agency|mission)\b/;

function singularRole(role: string | null): string | null {
  return role?.replace(/^(.*?)(\p{Ll}+)s$/u, '$1$2') ?? null;
}
