// Article -> Quotes: find quoted spans, attribute each, resolve pronouns and "the official" to earlier speakers.
import type { Article, Quote, Speaker } from '../../types.js';
import { sentencesOf, type Sentence } from '../text.js';
import { mentionIn, speakerAfter, speakerBefore, titledPeople } from './attribution.js';
import { resolveSpeaker, SpeakerMemory } from './resolve.js';
import type { ParsedSpeaker } from './speaker.js';
import { findQuoteSpans, type QuoteSpan } from './spans.js';

export interface QuoteContext {
  /** Is this name a known group (from the alias file), so never a person? */
  isKnownGroup: (name: string) => boolean;
}

const BARE_ATTRIBUTION = /^\s*(?:\S+\s+){0,6}(?:said|says|added|told reporters|wrote)(?:\s+\S+){0,2}\.\s*$/i;
const NAMING = /\b(?:known(?: locally| widely| collectively)? as|referred to as|so-called|dubbed|named|nicknamed|calls? itself|called itself)\s*(?:the\s*)?$/i;
const NOBODY: Speaker = { name: null, role: null, organization: null };

export function extractQuotes(article: Article, context: QuoteContext): Quote[] {
  const quotes: Quote[] = [];
  const memory = new SpeakerMemory(context);
  let runningOn: ParsedSpeaker | null = null;

  for (const paragraph of article.paragraphs) {
    if (paragraph.role === 'byline' || paragraph.role === 'copyright') continue;
    const text = paragraph.text;
    const spans = findQuoteSpans(text).filter((span) => !isTerm(text, span));
    let paragraphSpeaker: ParsedSpeaker | null = null;
    const unattributed: number[] = [];
    let spanIndex = 0;

    const sentences = sentencesOf(paragraph);
    for (const sentence of sentences) {
      const inSentence: QuoteSpan[] = [];
      while (spanIndex < spans.length && spans[spanIndex]!.outerStart < sentence.end) inSentence.push(spans[spanIndex++]!);
      const insideQuote = spans.some((s) => s.outerStart < sentence.start && s.outerEnd > sentence.start);
      const words = text.slice(sentence.start, sentence.end);
      if (!insideQuote) memory.rememberLater(() => titledPeople(words));
      if (inSentence.length === 0) {
        if (!insideQuote) memory.rememberLater(() => [mentionIn(words)]);
        continue;
      }
      for (const span of inSentence) {
        const later = spans.find((s) => s.outerStart >= span.outerEnd);
        const afterEnd = Math.min(later?.outerStart ?? text.length, attributionEnd(text, sentences, span.outerEnd));
        const before = text.slice(sentence.start, span.outerStart).replace(/["“][^"”]*["”]/g, ' ');
        const found = pickSpeaker(speakerAfter(text.slice(span.outerEnd, afterEnd), before), speakerBefore(before));
        const speaker: ParsedSpeaker | null = found ? resolveSpeaker(found, memory) : paragraphSpeaker ?? (span.outerStart === 0 ? runningOn : null);
        if (speaker) {
          paragraphSpeaker = speaker;
          memory.remember(speaker);
        } else unattributed.push(quotes.length);
        quotes.push(makeQuote(article, paragraph.n, text.slice(span.start, span.end), speaker));
      }
    }
    // A quote that opens a paragraph belongs to the speaker named later in it, or else to the last speaker.
    const fallback = (): ParsedSpeaker | null => paragraphSpeaker ?? memory.lastSpeaker();
    const speaker = unattributed.length > 0 ? fallback() : null;
    for (const index of unattributed) if (speaker) quotes[index]!.speaker = toSpeaker(speaker);
    runningOn = spans.some((s) => s.runsOn) ? fallback() : null;
  }
  return quotes.map((quote, i) => ({ ...quote, id: `${article.document.id}#q${i + 1}` }));
}

/** After-the-quote attribution wins, except that a pronoun after loses to a name given before. */
function pickSpeaker(after: ParsedSpeaker | null, before: ParsedSpeaker | null): ParsedSpeaker | null {
  if (after?.kind === 'pronoun' && before && (before.kind === 'person' || before.kind === 'group')) return before;
  return after ?? before;
}

/**
 * Where the attribution after a closing mark can end: the end of its sentence. A quote that ends its own
 * sentence ('"... must stop." Singh said.') takes the next sentence only if that is a bare attribution.
 */
function attributionEnd(text: string, sentences: readonly Sentence[], from: number): number {
  const current = sentences.find((s) => from > s.start && from < s.end);
  if (current) return current.end;
  const next = sentences.find((s) => s.start >= from);
  if (!next) return from;
  return BARE_ATTRIBUTION.test(text.slice(next.start, next.end)) ? next.end : from;
}

function makeQuote(article: Article, paragraph: number, raw: string, speaker: ParsedSpeaker | null): Quote {
  return {
    id: '',
    document: article.document.id,
    paragraph,
    text: raw.replace(/[\s,]+$/, '').trim(),
    speaker: speaker ? toSpeaker(speaker) : { ...NOBODY },
    date: article.document.published,
  };
}

function toSpeaker(s: ParsedSpeaker): Speaker {
  return { name: s.name, role: s.role, organization: s.organization };
}

/** A quoted name or term ("known as the 'Popular Mobilization Forces' (PMF)") is nobody's words. */
function isTerm(text: string, span: QuoteSpan): boolean {
  const words = text.slice(span.start, span.end).trim().split(/\s+/);
  if (words.length > 5 || span.runsOn) return false;
  const before = text.slice(Math.max(0, span.outerStart - 40), span.outerStart);
  // "gangs known locally as 'bandits'": a name for something, whatever its case.
  if (words.length <= 3 && NAMING.test(before)) return true;
  const titleCase = words.every((w) => /^[\p{Lu}\d]/u.test(w) || /^(?:of|the|and|for|al-\S*)$/.test(w));
  if (!titleCase) return false;
  const after = text.slice(span.outerEnd, span.outerEnd + 12);
  return /^\s*\([\p{Lu}\d]{2,}\)/u.test(after) || NAMING.test(before);
}
