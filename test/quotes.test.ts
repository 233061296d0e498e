// Quote extraction on short invented passages: the span, and who said it.
import { describe, expect, it } from 'vitest';
import { readArticle } from '../src/read/article.js';
import { extractQuotes } from '../src/extract/quotes/index.js';

const context = { isKnownGroup: (name: string) => ['Sahel Liberation Front'].includes(name) };

function quotesOf(text: string) {
  const article = readArticle('a.txt', '.txt', text, { published: '2024-03-05' });
  return extractQuotes(article, context).map((q) => ({ p: q.paragraph, text: q.text, ...q.speaker }));
}

describe('quote spans and speakers', () => {
  it('speaker after the quote, with title and organisation', () => {
    expect(quotesOf('“The convoy was hit twice,” Interior Ministry spokesman Col. Amadou Diallo said.')).toEqual([
      { p: 1, text: 'The convoy was hit twice', name: 'Amadou Diallo', role: 'Interior Ministry spokesman', organization: 'Interior Ministry' },
    ]);
  });

  it('verb before the speaker, straight quotes', () => {
    expect(quotesOf('"We are ready to talk," said Maria Lopez, the regional governor.')[0]).toMatchObject({ name: 'Maria Lopez', text: 'We are ready to talk' });
  });

  it('speaker before the quote, partial quote', () => {
    expect(quotesOf('The Defence Ministry condemned the shelling as “a deliberate provocation.”')[0]).toMatchObject({
      text: 'a deliberate provocation.',
      organization: 'Defence Ministry',
      name: null,
    });
  });

  it('a quote split by the attribution keeps one speaker for both parts', () => {
    const quotes = quotesOf('“We lost three men,” the commander told reporters. “The rest are safe.”');
    expect(quotes.map((q) => [q.text, q.role])).toEqual([
      ['We lost three men', 'commander'],
      ['The rest are safe.', 'commander'],
    ]);
  });

  it('a pronoun resolves to the person named before', () => {
    const quotes = quotesOf(
      ['Health Minister Ana Petrova visited the hospital on Monday.', '“The wards are full,” she said.'].join('\n\n'),
    );
    expect(quotes[0]).toMatchObject({ p: 2, name: 'Ana Petrova', role: 'Health Minister' });
  });

  it('a bare surname resolves to the full name and role', () => {
    const quotes = quotesOf(['“We will rebuild,” Mayor Tomas Novak said.', '“Nobody will be forgotten,” Novak added.'].join('\n\n'));
    expect(quotes[1]).toMatchObject({ name: 'Tomas Novak', role: 'Mayor' });
  });

  it('"the official" resolves to the officials named before', () => {
    const quotes = quotesOf(
      ['Two Kenyan officials confirmed the raid to reporters.', '“The camp was empty,” one of the officials said.'].join('\n\n'),
    );
    expect(quotes[0]).toMatchObject({ role: 'Kenyan official' });
  });

  it('a quote continuing over paragraphs keeps its speaker', () => {
    const quotes = quotesOf(['Army chief Gen. Rafael Ortiz said: “Our units held the line.', '“They will hold it again.”'].join('\n\n'));
    expect(quotes.map((q) => [q.p, q.name])).toEqual([
      [1, 'Rafael Ortiz'],
      [2, 'Rafael Ortiz'],
    ]);
  });

  it('a group from the alias list is not mistaken for a person', () => {
    expect(quotesOf('Sahel Liberation Front said the attack “was only the beginning.”')[0]).toMatchObject({ name: null, organization: 'Sahel Liberation Front' });
  });

  it('an acronym the article introduces resolves to the full name', () => {
    const quotes = quotesOf('The African Union Mission (AUM) said it was “deeply concerned.” AUM said troops would stay “as long as needed.”');
    expect(quotes.map((q) => q.organization)).toEqual(['African Union Mission', 'African Union Mission']);
  });

  it('a quoted name is not a quote', () => {
    expect(quotesOf('The militia, known as the “Desert Lions” (DL), said nothing. They are called “Desert Lions” (DL) locally.')).toEqual([]);
  });

  it('according to', () => {
    expect(quotesOf('The blast caused “extensive damage,” according to the Red Crescent.')[0]).toMatchObject({ organization: 'Red Crescent' });
  });

  it('apostrophes are not quotation marks, single quotes are', () => {
    const quotes = quotesOf("The group's leader called the deal 'a betrayal' on Sunday, the agency's report said.");
    expect(quotes.map((q) => q.text)).toEqual(['a betrayal']);
  });
});
