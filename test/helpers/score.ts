// Scores an extraction against a hand-made gold file: quote precision/recall, speaker accuracy, events found.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Extraction, SitrepEvent, Speaker } from '../../src/types.js';
import { nameKey, type AliasTable } from '../../src/extract/aliases.js';

interface GoldSpeaker {
  name?: string;
  role?: string;
  organization?: string;
}

export interface Gold {
  corpus: string;
  quotes: { doc: string; p: number; text: string; speaker: GoldSpeaker | GoldSpeaker[] }[];
  events: {
    id: string;
    type: string | string[];
    date: [string, string];
    place?: string;
    documents: string[];
    killed?: number[];
    injured?: number[];
    conflict?: string;
  }[];
}

export function loadGold(file: string): Gold & { corpusDir: string } {
  const gold = parse(readFileSync(file, 'utf8')) as Gold;
  return { ...gold, corpusDir: path.resolve(path.dirname(file), gold.corpus) };
}

const clean = (text: string) => text.replace(/\s+/g, ' ').replace(/[\s.,;:!?]+$/, '').trim();

export interface QuoteScore {
  gold: number;
  found: number;
  matched: number;
  speakerRight: number;
  recall: number;
  precision: number;
  speakerAccuracy: number;
  missed: string[];
  spurious: string[];
  wrongSpeaker: string[];
}

export function scoreQuotes(gold: Gold, extraction: Extraction, aliases: AliasTable): QuoteScore {
  const unmatched = [...extraction.quotes];
  let speakerRight = 0;
  const missed: string[] = [];
  const wrongSpeaker: string[] = [];
  for (const g of gold.quotes) {
    const i = unmatched.findIndex((q) => q.document === g.doc && q.paragraph === g.p && clean(q.text) === clean(g.text));
    if (i < 0) {
      missed.push(`${g.doc}:${g.p} “${g.text.slice(0, 50)}”`);
      continue;
    }
    const [quote] = unmatched.splice(i, 1);
    const readings = Array.isArray(g.speaker) ? g.speaker : [g.speaker];
    if (readings.some((r) => speakerMatches(r, quote!.speaker, aliases))) speakerRight++;
    else wrongSpeaker.push(`${g.doc}:${g.p} got ${JSON.stringify(quote!.speaker)} want ${JSON.stringify(g.speaker)}`);
  }
  const matched = gold.quotes.length - missed.length;
  return {
    gold: gold.quotes.length,
    found: extraction.quotes.length,
    matched,
    speakerRight,
    recall: matched / gold.quotes.length,
    precision: extraction.quotes.length ? matched / extraction.quotes.length : 1,
    speakerAccuracy: matched ? speakerRight / matched : 0,
    missed,
    spurious: unmatched.map((q) => `${q.document}:${q.paragraph} “${q.text.slice(0, 50)}”`),
    wrongSpeaker,
  };
}

function speakerMatches(want: GoldSpeaker, got: Speaker, aliases: AliasTable): boolean {
  const same = (a: string | undefined, b: string | null) => {
    if (a === undefined) return true;
    if (b === null) return false;
    const key = (s: string) => nameKey(aliases.canonical(s) ?? s);
    return key(a) === key(b);
  };
  return same(want.name, got.name) && same(want.role, got.role) && same(want.organization, got.organization);
}

export interface EventScore {
  gold: number;
  found: number;
  matched: { gold: string; event: string }[];
  missed: string[];
}

export function scoreEvents(gold: Gold, extraction: Extraction, aliases: AliasTable): EventScore {
  const available = [...extraction.events];
  const matched: { gold: string; event: string }[] = [];
  const missed: string[] = [];
  for (const g of gold.events) {
    const i = available.findIndex((e) => eventMatches(g, e, aliases));
    if (i < 0) {
      missed.push(g.id);
      continue;
    }
    const [event] = available.splice(i, 1);
    matched.push({ gold: g.id, event: event!.id });
  }
  return { gold: gold.events.length, found: extraction.events.length, matched, missed };
}

function eventMatches(g: Gold['events'][number], e: SitrepEvent, aliases: AliasTable): boolean {
  const types = Array.isArray(g.type) ? g.type : [g.type];
  if (!types.includes(e.type)) return false;
  const day = 86_400_000;
  const t = (d: string) => Date.parse(`${d}T00:00:00Z`);
  if (!e.date || t(e.date) < t(g.date[0]) - day || t(e.date) > t(g.date[1]) + day) return false;
  if (g.place) {
    const key = (s: string) => nameKey(aliases.canonical(s) ?? s);
    if (!e.location || key(e.location.name) !== key(g.place)) return false;
  }
  const documents = new Set(e.sources.map((s) => s.document));
  if (!g.documents.every((d) => documents.has(d))) return false;
  const reported = (kind: 'killed' | 'injured') => new Set(e.casualties.filter((c) => c.kind === kind).map((c) => c.count));
  if (g.killed && !g.killed.every((n) => reported('killed').has(n))) return false;
  if (g.injured && !g.injured.every((n) => reported('injured').has(n))) return false;
  if (g.conflict && !e.conflicts.some((c) => c.field === g.conflict)) return false;
  return true;
}
