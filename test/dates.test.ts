// The weekday shortcut of date reading gives what chrono gives, on every sentence of the test corpora and on
// sentences built to tempt it; sentences it cannot read exactly go to chrono.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chronoDates, weekBefore } from '../src/extract/events/dates.js';
import { weekdayDates } from '../src/extract/events/weekdays.js';
import { splitSentences } from '../src/extract/text.js';
import { projectRoot } from './helpers/workspace.js';
import { generateArticles } from '../bench/generate.js';

function sentencesOf(text: string): string[] {
  return text.split(/\n\s*\n/).flatMap((p) => splitSentences(p).map((s) => p.slice(s.start, s.end)));
}

const corpusSentences = ['corpus', 'test/fixtures'].flatMap((dir) =>
  (readdirSync(path.join(projectRoot, dir), { recursive: true }) as string[])
    .filter((f) => /\.(?:md|txt)$/.test(f))
    .flatMap((f) => sentencesOf(readFileSync(path.join(projectRoot, dir, f), 'utf8'))),
);
const generated = generateArticles(200, 11).flatMap((a) => sentencesOf(a.text));

const tempting = [
  'Gunmen attacked the convoy on Tuesday, killing four.',
  'The strike on Wednesday, officials said, killed two.',
  'Officials said on Friday that the road was closed.',
  'Fighting continued from Friday to Sunday near the border.',
  'Fighting continued Friday-Sunday near the border.',
  'The attack came last Monday and another next Thursday (officials said).',
  'Since Saturday, at least 12 people have been killed.',
  'Protesters gathered on Friday morning outside the ministry.',
  'Three days after Friday, the talks resumed.',
  'The ceasefire held on Sunday, Nov. 5, officials said.',
  'Troops withdrew Thursday,Friday the base was quiet.',
  'The market, (Wednesday) reopened.',
  'Saturday of last week was calm; Sunday of next week is the deadline.',
  'It was quiet on Monday at 10:30 when the shelling began.',
  'The talks on Thursday, Friday and Saturday failed.',
  'MONDAY: rockets hit the base.',
  'The minister spoke Tuesday this week.',
];

describe('reading weekdays without chrono', () => {
  const sentences = [...new Set([...corpusSentences, ...generated, ...tempting])];

  it('gives the same dates as chrono for every sentence it reads, on every day of the week', () => {
    let read = 0;
    for (const published of ['2023-11-19', '2023-11-20', '2023-11-21', '2023-11-22', '2023-11-23', '2023-11-24', '2023-11-25']) {
      for (const sentence of sentences) {
        const fast = weekdayDates(sentence, published);
        if (fast === null) continue;
        read++;
        expect(fast, `${sentence} (${published})`).toEqual(chronoDates(sentence, published));
      }
    }
    // Most sentences that name a weekday take the shortcut.
    expect(read).toBeGreaterThan(sentences.filter((s) => /day\b/i.test(s)).length * 3);
  });

  it('leaves to chrono what it would read differently: ranges, clock times, parts of days, months, durations', () => {
    for (const sentence of tempting.filter((s) => /to Sunday|Friday-Sunday|morning|Three days|Nov\.|10:30/.test(s))) {
      expect(weekdayDates(sentence, '2023-11-22'), sentence).toBeNull();
    }
    expect(weekdayDates('Gunmen attacked the convoy on Tuesday, killing four.', '2023-11-22')).toEqual([{ index: 27, text: 'on Tuesday,', year: 2023, month: 11, day: 21 }]);
  });
});

describe('the week before publication', () => {
  it('is the seven days that end on the publication day, across months, leap days and years', () => {
    const firstDay = Date.UTC(2019, 11, 1);
    for (let day = 0; day < 800; day++) {
      const published = new Date(firstDay + day * 86_400_000).toISOString().slice(0, 10);
      const start = new Date(firstDay + (day - 6) * 86_400_000).toISOString().slice(0, 10);
      expect(weekBefore(published), published).toEqual([start, published]);
    }
    expect(weekBefore('2024-03-01')).toEqual(['2024-02-24', '2024-03-01']);
    expect(weekBefore('2021-01-03')).toEqual(['2020-12-28', '2021-01-03']);
  });
});
