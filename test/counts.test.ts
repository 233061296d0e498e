// Casualty counts and key figures read from running text: a count starts a word, and "no one" counts nobody.
import { describe, expect, it } from 'vitest';
import { findCasualties } from '../src/extract/events/casualties.js';
import { extractFigures } from '../src/extract/figures.js';
import type { Article } from '../src/types.js';

const casualties = (sentence: string) => findCasualties(sentence).map((c) => [c.kind, c.count, c.qualifier]);

const articleOf = (text: string) =>
  ({ document: { id: 'a', published: '2024-01-10' }, paragraphs: [{ n: 1, role: 'body', text }] }) as unknown as Article;
const figures = (text: string) => extractFigures(articleOf(text)).map((f) => [f.value, f.unit]);

describe('casualty counts', () => {
  it.each([
    ['Civilians are often killed in such raids.'], // "ten" inside "often"
    ['Everyone was wounded by the blast.'], // "one" inside "everyone"
    ['They threaten wounded soldiers.'],
    ['No one was killed in the attack.'],
    ['no one was hurt'],
  ])('finds none in "%s"', (sentence) => {
    expect(casualties(sentence)).toEqual([]);
  });

  it.each([
    ['Moreover 20 people were killed.', [['killed', 20, null]]], // not "over 20"
    ['Two people were killed and no one else was injured.', [['killed', 2, null]]],
    ['At least one soldier was wounded.', [['injured', 1, 'at least']]],
    ['Militants killed 12 people.', [['killed', 12, null]]],
  ])('reads "%s"', (sentence, expected) => {
    expect(casualties(sentence)).toEqual(expected);
  });
});

describe('key figures', () => {
  it('reads a count that starts a word, not one inside a word', () => {
    expect(figures('Militants have often targeted bases since 2020 and threaten people there.')).toEqual([]);
    expect(figures('The attacks hit eighteen sites and 2,500 troops were moved.')).toEqual([
      [18, 'sites'],
      [2500, 'troops'],
    ]);
  });
});
