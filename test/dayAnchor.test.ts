// The day an article last gave, read lazily (dayAnchor.ts), is the day read by taking every sentence in turn:
// on the sentences of the sample corpus, the test corpora and generated articles, with sentences that count from
// the day before them ("24 hours earlier", "shortly after"); and the sentences it skips are never read.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDate } from '../src/extract/events/dates.js';
import { dayAnchor, type ReadDate } from '../src/extract/events/dayAnchor.js';
import { splitSentences } from '../src/extract/text.js';
import type { IsoDate } from '../src/types.js';
import { projectRoot } from './helpers/workspace.js';
import { generateArticles } from '../bench/generate.js';

const PUBLISHED = '2024-01-31';
const read: ReadDate = (text, anchor) => resolveDate(text, PUBLISHED, anchor);

function sentencesOf(text: string): string[] {
  return text.split(/\n\s*\n/).flatMap((p) => splitSentences(p).map((s) => p.slice(s.start, s.end)));
}

/** Articles of sentences drawn from a pool where many count from the day before them (a seeded generator). */
const POOL = [
  'The convoy was ambushed on Monday.',
  'Officials met on Friday to discuss it.',
  'Protesters gathered on January 12 outside the ministry.',
  'The embassy closed in December.',
  'Nobody was hurt.',
  'Two days later, the road reopened.',
  'Three days earlier, a bomb had exploded nearby.',
  'Gunmen attacked the market 24 hours earlier.',
  'Shortly after the meeting, the curfew was lifted.',
  'Immediately following the attack, troops sealed the area.',
  'A week later the talks resumed.',
  'The strike came four days ago.',
  'Rockets hit the base overnight.',
  'Fighting continued last week.',
];
function relativeArticles(count: number): string[][] {
  let state = 7;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () => Array.from({ length: 12 }, () => POOL[Math.floor(next() * POOL.length)]!));
}

const articles = [
  ...['corpus', 'test/fixtures'].flatMap((dir) =>
    (readdirSync(path.join(projectRoot, dir), { recursive: true }) as string[])
      .filter((f) => /\.(?:md|txt)$/.test(f))
      .map((f) => sentencesOf(readFileSync(path.join(projectRoot, dir, f), 'utf8'))),
  ),
  ...generateArticles(200, 5).map((a) => sentencesOf(a.text)),
  ...relativeArticles(300),
];

type Step = { kind: 'defer' | 'read'; text: string } | { kind: 'current' };

/** Every sentence read as it comes, the day kept after each: what dayAnchor must give. */
function inTurn(steps: Step[]): (IsoDate | null)[] {
  let day: IsoDate | null = null;
  const days: (IsoDate | null)[] = [];
  for (const step of steps) {
    if (step.kind === 'current') days.push(day);
    else {
      const resolved = read(step.text, () => day);
      if (resolved?.precision === 'day') day = resolved.date;
      if (step.kind === 'read') days.push(resolved?.date ?? null);
    }
  }
  return days;
}

function lazily(steps: Step[], readDate: ReadDate = read): (IsoDate | null)[] {
  const anchor = dayAnchor(readDate);
  const days: (IsoDate | null)[] = [];
  for (const step of steps) {
    if (step.kind === 'current') days.push(anchor.current());
    else if (step.kind === 'defer') anchor.defer(step.text);
    else days.push(anchor.read(step.text)?.date ?? null);
  }
  return days;
}

/** A fixed mix of deferred and read sentences, with the day asked for now and then (a seeded generator). */
function stepsOf(sentences: string[], seed: number): Step[] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return sentences.flatMap((text): Step[] => {
    const step: Step = { kind: next() < 0.3 ? 'read' : 'defer', text };
    return next() < 0.25 ? [step, { kind: 'current' }] : [step];
  });
}

describe('the day an article last gave', () => {
  it('is the day read by taking every sentence in turn, on every test and sample article', () => {
    let asked = 0;
    for (const [i, sentences] of articles.entries()) {
      const steps = stepsOf(sentences, i + 1);
      asked += steps.filter((s) => s.kind !== 'defer').length;
      expect(lazily(steps), `article ${i}`).toEqual(inTurn(steps));
    }
    expect(asked).toBeGreaterThan(1000);
    // Among them, sentences whose date counts from the day before them.
    let relative = 0;
    for (const text of articles.flat()) read(text, () => (relative++, '2024-01-20'));
    expect(relative).toBeGreaterThan(50);
  });

  it('reads the sentences before a relative date in turn', () => {
    const steps: Step[] = [
      { kind: 'defer', text: 'The convoy was ambushed on Monday.' },
      { kind: 'defer', text: 'Officials met on Friday to discuss it.' },
      { kind: 'defer', text: 'Two days later, the road reopened.' },
      { kind: 'current' },
      { kind: 'defer', text: 'Shortly after the meeting, the curfew was lifted.' },
      { kind: 'read', text: 'Gunmen attacked the market 24 hours earlier.' },
    ];
    expect(inTurn(steps)).toEqual(['2024-01-28', '2024-01-27']);
    expect(lazily(steps)).toEqual(inTurn(steps));
  });

  it('never reads a sentence before the latest one that gives a day, nor one whose day is never asked for', () => {
    const seen: string[] = [];
    const counting: ReadDate = (text, anchor) => (seen.push(text), read(text, anchor));
    const days = lazily(
      [
        { kind: 'defer', text: 'Rockets hit the base on Monday.' },
        { kind: 'defer', text: 'The talks resumed on Wednesday.' },
        { kind: 'defer', text: 'Nobody was hurt.' },
        { kind: 'current' },
        { kind: 'defer', text: 'The embassy closed on Thursday.' },
      ],
      counting,
    );
    expect(days).toEqual(['2024-01-31']);
    expect(seen).toEqual(['Nobody was hurt.', 'The talks resumed on Wednesday.']);
  });
});
