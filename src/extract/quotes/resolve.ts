// Earlier speakers of an article, and how a later reference ("he", "the official", "Singh", "CENTCOM") finds one.
import type { QuoteContext } from './index.js';
import { isAcronym, type ParsedSpeaker } from './speaker.js';
import { GROUP_ANAPHORS } from '../lexicon.js';

export class SpeakerMemory {
  private readonly mentions: ParsedSpeaker[] = [];
  private readonly acronyms = new Map<string, string>();
  /** Mentions not looked for yet, in the article's order: most are never asked for (no quote follows them). */
  private readonly waiting: (() => (ParsedSpeaker | null)[])[] = [];

  constructor(readonly context: QuoteContext) {}

  remember(speaker: ParsedSpeaker): void {
    if (this.waiting.length > 0) this.waiting.push(() => [speaker]);
    else this.add(speaker);
  }

  /** Remembers what `find` gives, should an earlier speaker ever be asked for. */
  rememberLater(find: () => (ParsedSpeaker | null)[]): void {
    this.waiting.push(find);
  }

  /** Most recent first. */
  recent(): ParsedSpeaker[] {
    this.catchUp();
    return [...this.mentions].reverse();
  }

  lastSpeaker(): ParsedSpeaker | null {
    this.catchUp();
    return this.mentions[this.mentions.length - 1] ?? null;
  }

  expandAcronym(word: string): string | null {
    if (!isAcronym(word)) return null; // and the mentions need not be looked for
    this.catchUp();
    return this.acronyms.get(word) ?? null;
  }

  private catchUp(): void {
    for (const find of this.waiting.splice(0)) for (const speaker of find()) if (speaker) this.add(speaker);
  }

  private add(speaker: ParsedSpeaker): void {
    if (speaker.kind !== 'person' && speaker.kind !== 'group') return;
    if (speaker.acronym && speaker.organization) this.acronyms.set(speaker.acronym, speaker.organization);
    this.mentions.push(speaker);
  }
}

export function resolveSpeaker(speaker: ParsedSpeaker, memory: SpeakerMemory): ParsedSpeaker | null {
  const recent = () => memory.recent();
  if (speaker.kind === 'pronoun') {
    const wantsPerson = speaker.anaphor === 'he' || speaker.anaphor === 'she';
    return recent().find((m) => (wantsPerson ? m.kind === 'person' : true)) ?? null;
  }
  if (speaker.kind === 'anaphor') {
    if (speaker.anaphor === 'statement') return recent().find((m) => m.kind === 'group') ?? null;
    if (GROUP_ANAPHORS.has(speaker.anaphor!)) return recent().find((m) => m.kind === 'group' && fitsGroupAnaphor(m, speaker.anaphor!)) ?? null;
    const antecedent = recent().find((m) => m.kind === 'person' && (m.role ?? '').toLowerCase().includes(speaker.anaphor!));
    if (!antecedent) return { ...speaker, kind: 'person' };
    return speaker.singular ? { ...antecedent, role: singularRole(antecedent.role) } : antecedent;
  }
  if (speaker.kind === 'group' && speaker.organization) {
    const word = speaker.organization;
    const expanded = memory.expandAcronym(word);
    if (expanded) return { ...speaker, organization: expanded };
    // A bare surname ("Singh said") refers to the person named in full earlier.
    const person = /^\p{Lu}[\p{L}'’-]+$/u.test(word) ? recent().find((m) => m.name?.split(' ').pop() === word) : undefined;
    if (person) return person;
  }
  if (speaker.kind === 'person' && speaker.name) {
    if (memory.context.isKnownGroup(speaker.name)) return { kind: 'group', name: null, role: null, organization: speaker.name };
    if (!speaker.role) return recent().find((m) => m.name?.endsWith(speaker.name!) && m.role) ?? speaker;
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
