// `sitrep extract --json` is a public contract: field names, types and the nulls for what is not known.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extraction } from '../src/types.js';
import { sitrep } from './helpers/cli.js';

describe('sitrep extract --json on the sample corpus', () => {
  let json: Extraction;
  beforeAll(async () => {
    const result = await sitrep(['extract', '--corpus', 'corpus', '--json']);
    expect(result.code).toBe(0);
    json = JSON.parse(result.stdout) as Extraction;
  });

  it('has exactly the documented top-level lists', () => {
    expect(Object.keys(json)).toEqual(['documents', 'quotes', 'events', 'figures']);
  });

  it('documents carry every documented field, null where unknown', () => {
    for (const d of json.documents) {
      expect(Object.keys(d).sort()).toEqual(['author', 'file', 'id', 'outlet', 'published', 'publishedFrom', 'reliability', 'title', 'url']);
      expect(d.published === null || /^\d{4}-\d{2}-\d{2}$/.test(d.published)).toBe(true);
      expect(['manifest', 'front-matter', 'inferred', 'unknown']).toContain(d.publishedFrom);
    }
  });

  it('quotes have a document, a 1-based paragraph, text and a three-field speaker', () => {
    expect(json.quotes.length).toBeGreaterThan(30);
    for (const q of json.quotes) {
      expect(Object.keys(q).sort()).toEqual(['date', 'document', 'id', 'paragraph', 'speaker', 'text']);
      expect(Object.keys(q.speaker).sort()).toEqual(['name', 'organization', 'role']);
      expect(q.paragraph).toBeGreaterThanOrEqual(1);
    }
  });

  it('events have dates with precision, sources, casualties and conflicts', () => {
    for (const e of json.events) {
      expect(Object.keys(e).sort()).toEqual(['actors', 'casualties', 'conflicts', 'date', 'dateEnd', 'id', 'location', 'precision', 'sources', 'summary', 'type']);
      expect(['day', 'week', 'month', 'year']).toContain(e.precision);
      expect(e.sources.length).toBeGreaterThan(0);
      for (const c of e.casualties) expect(Object.keys(c).sort()).toEqual(['claimedBy', 'count', 'document', 'kind', 'qualifier']);
    }
  });

  it('the strikes on Jurf al-Sakhar are one event from three articles, with the 5-versus-8 conflict', () => {
    const jurf = json.events.filter((e) => e.location?.name === 'Jurf al-Sakhar');
    expect(jurf).toHaveLength(1);
    const event = jurf[0]!;
    expect(new Set(event.sources.map((s) => s.document))).toEqual(new Set(['000_63b2296729f61cca', '001_fe0ea18a2fa51486', '003_af5f6a479a2a0600']));
    const killed = event.conflicts.find((c) => c.field === 'killed');
    expect(killed?.values).toEqual(expect.arrayContaining([{ value: 8, document: '000_63b2296729f61cca' }, { value: 5, document: '001_fe0ea18a2fa51486' }]));
    expect(event.location).toMatchObject({ country: 'Iraq', lat: expect.any(Number), lon: expect.any(Number) });
  });

  it('figures have a value, a unit and their source paragraph', () => {
    const attacks = json.figures.find((f) => f.value === 66 && f.unit === 'attacks');
    expect(attacks).toMatchObject({ document: '000_63b2296729f61cca', paragraph: 5 });
    expect(json.figures.find((f) => f.value === 2500)).toMatchObject({ unit: 'troops in Iraq' });
  });
});
