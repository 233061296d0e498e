// Scores the extractor against hand-made gold: the sample corpus, and invented wire copy about other conflicts.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractCorpus, loadKnowledge } from '../src/build.js';
import { loadGold, scoreEvents, scoreQuotes } from './helpers/score.js';

const goldFiles = ['sample.yaml', 'wire.yaml', 'heldout.yaml'];

describe.each(goldFiles)('extraction scored against test/gold/%s', (name) => {
  it('finds the quotes and their speakers, and every event with all its sources', async () => {
    const gold = loadGold(path.join(import.meta.dirname, 'gold', name));
    const { extraction } = await extractCorpus(gold.corpusDir);
    const { aliases } = await loadKnowledge();
    const quotes = scoreQuotes(gold, extraction, aliases);
    const events = scoreEvents(gold, extraction, aliases);

    const report = [
      `${name}: quotes recall ${quotes.recall.toFixed(3)} (${quotes.matched}/${quotes.gold}), precision ${quotes.precision.toFixed(3)} (${quotes.matched}/${quotes.found}), speaker ${quotes.speakerAccuracy.toFixed(3)} (${quotes.speakerRight}/${quotes.matched})`,
      `${name}: events found ${events.matched.length}/${events.gold} (${events.found} extracted)`,
      ...quotes.missed.map((m) => `  missed quote ${m}`),
      ...quotes.spurious.map((m) => `  spurious quote ${m}`),
      ...quotes.wrongSpeaker.map((m) => `  wrong speaker ${m}`),
      ...events.missed.map((m) => `  missed event ${m}`),
    ].join('\n');
    console.log(report);

    expect(quotes.recall, report).toBeGreaterThanOrEqual(0.95);
    expect(quotes.precision, report).toBeGreaterThanOrEqual(0.95);
    expect(quotes.speakerAccuracy, report).toBeGreaterThanOrEqual(0.9);
    expect(events.missed, report).toEqual([]);
  });
});
