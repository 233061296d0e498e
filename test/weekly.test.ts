// `sitrep weekly`: one report per week of the sample corpus, numbered in sequence, saying what is new.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { run } from '../src/cli/main.js';
import { select } from '../src/select/index.js';
import { compose } from '../src/compose/index.js';
import { readTemplate } from '../src/compose/templateFiles.js';
import { lastCompleteWeeks, parseWeek, weekOf } from '../src/spec/weeks.js';
import type { Extraction, SitrepEvent, Spec } from '../src/types.js';
import { sitrep } from './helpers/cli.js';
import { flat, readPdf } from './helpers/pdfText.js';
import { builtCli, projectRoot, workspace } from './helpers/workspace.js';

const weeklySpec = path.join(projectRoot, 'briefings', 'iraq-militias-weekly.yaml');

describe('sitrep weekly on the sample corpus', () => {
  const out = workspace();
  let result: Awaited<ReturnType<typeof sitrep>>;
  let pages: Record<string, string> = {};

  beforeAll(async () => {
    // 2021-W26 has the June 2021 strikes, 2021-W27 has nothing; 2023-W47 the November 2023 ones.
    result = await sitrep(['weekly', weeklySpec, '--from', '2021-06-28', '--to', '2021-07-11', '--out', out]);
    const second = await sitrep(['weekly', weeklySpec, '--week', '2023-W47', '--out', out]);
    expect(second.code).toBe(0);
    for (const week of ['2021-W26', '2021-W27', '2023-W47']) {
      const file = path.join(out, `iraq-militias-weekly_${week}.pdf`);
      pages[week] = flat((await readPdf(readFileSync(file))).pages.join('\n'));
    }
  });

  it('names one PDF per ISO week and ends with a summary', () => {
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2021-W26 SR-W001 3 event(s)');
    expect(result.stdout).toContain('2021-W27 SR-W002 no events');
    expect(result.stdout).toContain('2 week(s): 1 built, 1 empty, 0 failed');
    // Not a terminal here: one plain line per week, no progress bar.
    expect(result.stderr.split('\n')).toEqual(['building 2021-W26 (1/2)', 'building 2021-W27 (2/2)']);
  });

  it('numbers the reports in sequence from the spec\'s first week, whichever weeks are built', () => {
    expect(pages['2021-W26']).toContain('Report SR-W001');
    expect(pages['2021-W27']).toContain('Report SR-W002');
    // 2021-W26 to 2023-W47 is 125 weeks on.
    expect(pages['2023-W47']).toContain('Report SR-W126');
    expect(pages['2023-W47']).toContain('Week 2023-W47, 20 Nov 2023 to 26 Nov 2023');
  });

  it('says what is new since the last report', () => {
    const news = (week: string) => pages[week]!.slice(pages[week]!.lastIndexOf('New since the last report'), pages[week]!.lastIndexOf('Key developments'));
    expect(news('2021-W26')).toContain('First reported in this period');
    expect(news('2021-W26')).toContain('28 Jun 2021, Air/drone strike, Iraq-Syria border region');
    expect(news('2023-W47')).toContain('First reported in this period');
    expect(news('2023-W47')).toContain('Jurf al-Sakhar');
    expect(news('2021-W27')).toContain('Nothing new since the last report.');
  });

  it('gives a week without events a report that says so', () => {
    expect(pages['2021-W27']).toContain('No events reported in this period.');
    expect(pages['2021-W27']).toContain('None: no document of the corpus reports on this period');
  });

  it('renders in a worker thread and in this one, when compiled, the same bytes as in one thread, and keeps the words shaped', () => {
    // Workers load dist/bundle/weeklyWorker.js: the built command runs as users run it (bin/sitrep), as `npm ci`
    // leaves it; with no workers, as the same command in one thread. One worker holds two weeks at a time: it
    // renders 2021-W26 and W27, and the command's own thread W28.
    expect(existsSync(builtCli), 'dist/ is built (npm run build)').toBe(true);
    const weekly = (workers: string) => {
      const cache = workspace();
      const dir = workspace();
      const env = { ...process.env, SITREP_WORKERS: workers, SITREP_CACHE_DIR: cache };
      const child = spawnSync(path.join(projectRoot, 'bin', 'sitrep'), ['weekly', weeklySpec, '--from', '2021-06-28', '--to', '2021-07-18', '--out', dir], { encoding: 'utf8', env });
      expect(child.stderr).not.toContain('error');
      expect(child.stdout).toContain('3 week(s): 1 built, 2 empty, 0 failed');
      const shapes = path.join(cache, 'shapes');
      const words = Object.fromEntries(readdirSync(shapes).map((f) => [f, Object.keys(JSON.parse(readFileSync(path.join(shapes, f), 'utf8')).words).sort()]));
      return { dir, words };
    };
    const inWorkers = weekly('1');
    const oneThread = weekly('0');
    for (const week of ['2021-W26', '2021-W27', '2021-W28']) {
      const name = `iraq-militias-weekly_${week}.pdf`;
      expect(Buffer.compare(readFileSync(path.join(inWorkers.dir, name)), readFileSync(path.join(oneThread.dir, name))), name).toBe(0);
    }
    const twoWeeks = ['2021-W26', '2021-W27'].map((week) => `iraq-militias-weekly_${week}.pdf`);
    for (const name of twoWeeks) expect(Buffer.compare(readFileSync(path.join(oneThread.dir, name)), readFileSync(path.join(out, name))), name).toBe(0);
    expect(Object.values(inWorkers.words).flat().length).toBeGreaterThan(200);
    expect(inWorkers.words).toEqual(oneThread.words);
  });

  it("renders a report too big for a worker's memory in the main thread instead, with the same bytes, and says so", () => {
    const cli = builtCli;
    const dir = workspace();
    // 30 MB: enough for a worker to load (about 26 MB) and to render an empty week, too little for 2021-W26's report
    // (about 36 MB), which comes back and is rendered here. A fresh cache: the words a worker loads are the same each
    // run. Far smaller, the workers die while loading their modules, where V8 may abort the whole process rather
    // than stop the worker (Node documents the limits as best-effort): the process then exits with no summary.
    const env = { ...process.env, SITREP_WORKERS: '2', SITREP_WORKER_HEAP_MB: '30', SITREP_CACHE_DIR: path.join(dir, 'cache') };
    const child = spawnSync(process.execPath, [cli, 'weekly', weeklySpec, '--from', '2021-06-28', '--to', '2021-07-18', '--out', dir], { encoding: 'utf8', env });
    // All of what the process said, so that a failure shows why.
    expect({ status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr }).toMatchObject({
      status: 0,
      stdout: expect.stringContaining('3 week(s): 1 built, 2 empty, 0 failed'),
      stderr: expect.stringContaining("warning: 2021-W26: did not fit in a worker thread's memory, rendered in the main thread"),
    });
    const name = 'iraq-militias-weekly_2021-W26.pdf';
    expect(Buffer.compare(readFileSync(path.join(dir, name)), readFileSync(path.join(out, name)))).toBe(0);
  });

  it('without a week, builds the last complete week before --today', async () => {
    const last = await sitrep(['weekly', weeklySpec, '--today', '2021-07-05', '--out', out]);
    expect(last.code).toBe(0);
    expect(last.stdout).toContain('2021-W26 SR-W001');
    expect(last.stdout).toContain('1 week(s): 1 built, 0 empty, 0 failed');
  });

  it('one failing week does not stop the others; the exit is non-zero', async () => {
    // Report 1 is 2021-W27 in this copy: 2021-W26 would be report 0 and fails.
    const dir = workspace({}, { withSampleCorpus: true });
    const spec = path.join(dir, 'briefings', 'weekly.yaml');
    mkdirSync(path.dirname(spec));
    writeFileSync(spec, readFileSync(weeklySpec, 'utf8').replace('first: 2021-W26', 'first: 2021-W27'));
    const mixed = await sitrep(['weekly', spec, '--last', '2', '--today', '2021-07-12', '--out', path.join(dir, 'out')]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('2021-W26: failed');
    expect(mixed.stderr).toContain('2021-W26 is before the first weekly report (2021-W27)');
    expect(mixed.stdout).toContain('2 week(s): 0 built, 1 empty, 1 failed');
    expect(existsSync(path.join(dir, 'out', 'weekly_2021-W27.pdf'))).toBe(true);
    expect(existsSync(path.join(dir, 'out', 'weekly_2021-W26.pdf'))).toBe(false);
  });

  it('draws a progress bar on a terminal for more than a few weeks', async () => {
    const status: string[] = [];
    const err: string[] = [];
    const dir = workspace();
    const code = await run(['weekly', weeklySpec, '--from', '2021-07-05', '--to', '2021-08-01', '--out', dir], {
      out: () => {}, err: (l) => err.push(l), env: {}, cwd: projectRoot, status: (l) => status.push(l),
    });
    expect(code).toBe(0);
    expect(status[0]).toBe('[........................] 0/4 2021-W27');
    expect(status).toContain('[############............] 2/4 2021-W29');
    expect(status.at(-1)).toBe('');
    expect(err).toEqual([]);
  });

  it('refuses a week that does not exist, and two ways of naming weeks at once', async () => {
    const bad = await sitrep(['weekly', weeklySpec, '--week', '2023-W54']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('`2023-W54` is not a week');
    const both = await sitrep(['weekly', weeklySpec, '--week', '2023-W47', '--last', '2']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give one of --week, --from/--to or --last');
  });
});

describe('weeks', () => {
  const day = (d: string) => new Date(`${d}T12:00:00Z`);
  it('are ISO weeks by default, and may start on another day', () => {
    expect(weekOf(day('2023-11-22'))).toEqual({ from: '2023-11-20', to: '2023-11-26', week: '2023-W47' });
    expect(weekOf(day('2021-01-01'))).toEqual({ from: '2020-12-28', to: '2021-01-03', week: '2020-W53' });
    expect(weekOf(day('2023-11-22'), 'sunday')).toEqual({ from: '2023-11-19', to: '2023-11-25', week: '2023-W47' });
    expect(parseWeek('2023-W53')).toBeNull();
  });

  it('"last week" is the last complete one: a Sunday still belongs to its week', () => {
    expect(lastCompleteWeeks(day('2026-11-22'), 1).map((w) => w.week)).toEqual(['2026-W46']);
    expect(lastCompleteWeeks(day('2026-11-23'), 2).map((w) => w.week)).toEqual(['2026-W46', '2026-W47']);
  });
});

describe('what is new in a period', () => {
  const documents = [
    { id: 'early', published: '2024-03-01' },
    { id: 'late', published: '2024-03-12' },
  ].map((d) => ({ ...d, file: `${d.id}.txt`, title: d.id, outlet: null, author: null, url: null, publishedFrom: 'manifest' as const, reliability: null }));
  const event = (id: string, sources: string[], killedIn: string[]): SitrepEvent => ({
    id, date: '2024-03-01', dateEnd: null, precision: 'day', type: 'attack', summary: id, actors: [], location: null,
    casualties: killedIn.map((document) => ({ kind: 'killed' as const, count: 3, qualifier: null, claimedBy: null, document })),
    sources: sources.map((document) => ({ document, paragraph: 1 })), conflicts: [],
  });
  const extraction: Extraction = {
    documents, quotes: [], figures: [],
    events: [event('old-and-updated', ['early', 'late'], ['late']), event('old-only-retold', ['early', 'late'], ['early']), event('new', ['late'], [])],
  };
  const spec = { period: { from: '2024-03-11', to: '2024-03-17', week: '2024-W11' }, sections: [{ heading: 'New', kind: 'changes' }] } as unknown as Spec;

  it('lists events first reported in the period, and older ones given new figures by its documents', () => {
    const [changes] = select(spec, extraction).sections;
    expect(changes!.events.map((e) => e.id)).toEqual(['new']);
    expect(changes!.updated.map((e) => e.id)).toEqual(['old-and-updated']);
  });

  it('keeps the most significant when the section has a limit', () => {
    const many: Extraction = {
      ...extraction,
      events: Array.from({ length: 30 }, (_, i) => ({ ...event(`new${i}`, ['late'], i % 10 === 0 ? ['late'] : []), date: `2024-03-${String(11 + (i % 5)).padStart(2, '0')}` })),
    };
    const limited = { ...spec, sections: [{ heading: 'New', kind: 'changes', sort: 'significance', limit: 3 }] } as unknown as Spec;
    const [changes] = select(limited, many).sections;
    // The three events with a death toll, in date order.
    expect(changes!.events.map((e) => e.id)).toEqual(['new0', 'new10', 'new20']);
  });
});

describe('an event reported by more documents than an item cites', () => {
  it('cites the first reports and counts the others, with the figures only they give', async () => {
    const documents = Array.from({ length: 8 }, (_, i) => ({
      id: `d${i}`, file: `d${i}.txt`, title: `Report ${i}`, outlet: 'Wire', author: null, url: null,
      published: `2024-03-1${i}`, publishedFrom: 'manifest' as const, reliability: null,
    }));
    const killed = (document: string, count: number) => ({ kind: 'killed' as const, count, qualifier: null, claimedBy: null, document });
    const event: SitrepEvent = {
      id: 'e1', date: '2024-03-10', dateEnd: null, precision: 'day', type: 'attack', summary: 'A convoy was attacked.', actors: [], location: null,
      casualties: [killed('d1', 5), killed('d5', 7), killed('d6', 9), killed('d7', 12)],
      sources: documents.map((d) => ({ document: d.id, paragraph: 1 })),
      conflicts: [{ field: 'killed', values: [{ value: 5, document: 'd1' }, { value: 9, document: 'd6' }, { value: 12, document: 'd7' }] }],
    };
    const spec = {
      title: 'T', subtitle: null, reportNumber: null, classification: 'U', asOf: '2024-03-20T00:00:00.000Z', language: 'en',
      period: { from: '2024-03-01', to: '2024-03-31', week: null }, sourcesPerItem: 3, sections: [{ heading: 'Key developments', kind: 'events' }],
    } as unknown as Spec;
    const selection = select(spec, { documents, events: [event], quotes: [], figures: [] });
    const [shown] = selection.sections[0]!.events;
    // Those giving figures first, the earliest of them.
    expect(shown!.sources.map((s) => s.document)).toEqual(['d1', 'd5', 'd6']);
    expect(shown!.uncited).toEqual({ documents: 5, casualties: [killed('d7', 12)] });
    expect(selection.documents.map((d) => d.id)).toEqual(['d1', 'd5', 'd6']);
    const template = await readTemplate(path.join(projectRoot, 'templates', 'sitrep'), path.join(projectRoot, 'templates'));
    const markdown = compose(selection, template);
    expect(markdown).toContain('(and 5 other reports)');
    expect(markdown).toContain('Killed: 5; 7; 9; 12 in other reports, disputed\\.');
    expect(markdown.match(/\[\^s\d+p1\]:/g)).toHaveLength(3);
  });
});

describe('selecting a period out of many (the batch looks items up by day)', () => {
  // Each section's items, worked out by filtering every item, as selection did before it kept an index by day.
  const day = fc.integer({ min: 1, max: 28 }).map((d) => `2024-02-${String(d).padStart(2, '0')}`);
  const maybeDay = fc.option(day, { nil: null });
  const world = fc.record({
    published: fc.array(maybeDay, { minLength: 1, maxLength: 6 }),
    events: fc.array(fc.record({ date: maybeDay, sources: fc.array(fc.nat(5), { minLength: 1, maxLength: 3 }), killedIn: fc.array(fc.nat(5), { maxLength: 3 }) }), { maxLength: 25 }),
    quotes: fc.array(maybeDay, { maxLength: 10 }),
    figures: fc.array(fc.nat(5), { maxLength: 10 }),
    period: fc.tuple(day, day),
    section: fc.tuple(fc.option(day, { nil: undefined }), fc.option(day, { nil: undefined })),
  });

  it('picks the same items as filtering them all', () => {
    fc.assert(
      fc.property(world, ({ published, events: drawn, quotes: quoteDays, figures: figureDocs, period, section }) => {
        const documents = published.map((day, i) => ({ id: `d${i}`, file: `d${i}.txt`, title: `d${i}`, outlet: null, author: null, url: null, published: day, publishedFrom: 'manifest' as const, reliability: null }));
        const doc = (n: number) => `d${n % documents.length}`;
        const events: SitrepEvent[] = drawn.map((e, i) => ({
          id: `e${i}`, date: e.date, dateEnd: e.date, precision: 'day', type: 'attack', summary: `e${i}`, actors: [], location: null,
          casualties: e.killedIn.map((n) => ({ kind: 'killed' as const, count: n, qualifier: null, claimedBy: null, document: doc(n) })),
          sources: e.sources.map((n) => ({ document: doc(n), paragraph: 1 })), conflicts: [],
        }));
        const quotes = quoteDays.map((date, i) => ({ id: `q${i}`, document: doc(i), paragraph: 1, text: `q${i}`, speaker: { name: null, role: null, organization: null, kind: 'unknown' }, date }));
        const figures = figureDocs.map((n, i) => ({ id: `f${i}`, text: `f${i}`, value: i, unit: 'x', document: doc(n), paragraph: 1 }));
        const extraction = { documents, events, quotes, figures } as unknown as Extraction;
        const [from, to] = period;
        const [sectionFrom, sectionTo] = section;
        const sections = ['changes', 'chronology', 'quotes', 'figures'].map((kind) => ({ heading: kind, kind, from: sectionFrom, to: sectionTo }));
        const spec = { period: { from, to }, sections, sourcesPerItem: 10 } as unknown as Spec;
        const [changes, chronology, said, figured] = select(spec, extraction).sections;

        const lo = sectionFrom && sectionFrom > from ? sectionFrom : from;
        const hi = sectionTo && sectionTo < to ? sectionTo : to;
        const inRange = (d: string | null) => d !== null && d >= lo && d <= hi;
        const publishedOn = (id: string) => documents.find((d) => d.id === id)!.published;
        const firstReported = (e: SitrepEvent) => e.sources.map((s) => publishedOn(s.document)).filter((d) => d !== null).sort()[0] ?? null;
        const ids = (items: { id: string }[]) => items.map((i) => i.id);
        const byDate = (a: SitrepEvent, b: SitrepEvent) => (a.date ?? '').localeCompare(b.date ?? '', 'en');
        const fresh = events.filter((e) => inRange(firstReported(e))).sort(byDate);
        const updated = events.filter((e) => !fresh.includes(e) && firstReported(e) !== null && e.casualties.some((c) => inRange(publishedOn(c.document)))).sort(byDate);
        expect(ids(changes!.events)).toEqual(ids(fresh));
        expect(ids(changes!.updated)).toEqual(ids(updated));
        expect(ids(chronology!.events)).toEqual(ids(events.filter((e) => inRange(e.date))));
        expect(ids(said!.quotes)).toEqual(ids(quotes.filter((q) => inRange(q.date))));
        expect(ids(figured!.figures)).toEqual(ids(figures.filter((f) => inRange(publishedOn(f.document)))));
        expect(ids(figured!.events)).toEqual(ids(events.filter((e) => inRange(e.date) && e.casualties.length > 0)));
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
