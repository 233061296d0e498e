// Sentence splitting shared by the extraction rules.

import type { Paragraph } from '../types.js';
import { OTHER_ABBREVIATIONS, TITLE_ABBREVIATIONS } from './lexicon.js';
import { matchesOf } from '../util/matches.js';

// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set([...TITLE_ABBREVIATIONS.map((w) => w.toLowerCase()), ...OTHER_ABBREVIATIONS]);

export interface Sentence {
  start: number;
  end: number;
}

/** Sentence boundaries in a paragraph; a boundary never falls inside quotation marks' closing run. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const boundary = /([.!?…]+)(["”’')\]]*)(\s+)(?=["“‘(\[]?[\p{Lu}\d])/gu;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const end = match.index + match[1]!.length + match[2]!.length;
    const before = text.slice(Math.max(start, match.index - 24), match.index);
    const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
    if (match[1] === '.' && match[2] === '' && (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord))) continue;
    sentences.push({ start, end });
    start = match.index + match[0].length;
  }
  if (start < text.length) sentences.push({ start, end: text.length });
  return sentences;
}

const sentencesByParagraph = new WeakMap<Paragraph, readonly Sentence[]>();

/** A paragraph's sentences, split once for the rules (events, quotes, figures) that each read them. */
export function sentencesOf(paragraph: Paragraph): readonly Sentence[] {
  let sentences = sentencesByParagraph.get(paragraph);
  if (!sentences) sentencesByParagraph.set(paragraph, (sentences = splitSentences(paragraph.text)));
  return sentences;
}

/**
 * The dateline that opens wire copy ("KYIV, Ukraine (AP) — ", "BAMAKO, Feb. 12 - ") says where the report was
 * filed, not where anything happened. Replaced by spaces, so offsets stay true.
 */
export function withoutDateline(text: string): string {
  const match = /^\s*\(?\p{Lu}[\p{Lu}'’. -]{2,}\)?(?:,\s*[\p{L}. ]{2,30}?)*(?:,?\s*(?:\p{L}{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?))?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s+/u.exec(text);
  return match ? ' '.repeat(match[0].length) + text.slice(match[0].length) : text;
}

const COMPOUND_SUFFIX = /-(?:backed|linked|aligned|affiliated|allied|based|led|supported|sponsored|controlled|held|born|made)\b/;

/** "Iran-backed", "Syrian-led": a name used as an adjective names no place or actor of the sentence. */
export function withoutCompoundAdjectives(text: string): string {
  if (!COMPOUND_SUFFIX.test(text)) return text; // the common case, and the full pattern is slow
  return text.replace(/(?:\b\p{Lu}[\p{L}.]*\s+)*\b[\p{L}.]+-(?:backed|linked|aligned|affiliated|allied|based|led|supported|sponsored|controlled|held|born|made)\b/gu, (m) => ' '.repeat(m.length));
}

const SUBORDINATE = /\b(?:(?:in |as a )?(?:direct )?response to|in retaliation for|in addition to|following|followed by|after|a day after|before)\b/gi;

/** The main clause: what follows "in response to", "after" ... tells of another event. */
export function mainClause(sentence: string, triggerIndex: number): string {
  for (const match of matchesOf(SUBORDINATE, sentence)) if (match.index! > triggerIndex) return sentence.slice(0, match.index);
  return sentence;
}

/** The clause after "in response to" (etc.), which tells of an earlier event, or null. */
export function subordinateClause(sentence: string, triggerIndex: number): string | null {
  for (const match of matchesOf(SUBORDINATE, sentence)) if (match.index! > triggerIndex) return sentence.slice(match.index! + match[0].length);
  return null;
}
