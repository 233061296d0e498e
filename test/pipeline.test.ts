// The whole pipeline on the sample corpus: a real PDF, read back as text.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sitrep } from './helpers/cli.js';
import { flat, readPdf, type PdfContent } from './helpers/pdfText.js';
import { pageNotes } from './helpers/pageLayout.js';
import { projectRoot, sampleSpec, workspace } from './helpers/workspace.js';

describe('sitrep build on the sample briefing', () => {
  const out = workspace();
  let pdf: PdfContent;
  let bytes: Buffer;
  let text: string;

  beforeAll(async () => {
    const result = await sitrep(['build', sampleSpec, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const file = path.join(out, 'iraq-militias_2024-01-31.pdf');
    expect(result.stdout).toContain('iraq-militias_2024-01-31.pdf');
    bytes = readFileSync(file);
    pdf = await readPdf(bytes);
    // The body as a reader follows it across pages: without the banners and footers in between.
    text = flat(pdf.pages.map((page) => page.replace(/UNCLASSIFIED \/\/ FOR TRAINING USE|SR-001 · 311800ZJAN24|Page \d+ of \d+/g, ' ')).join('\n'));
  });

  it('writes a PDF with title, DTG, period and PDF metadata', () => {
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.pages[0]).toContain('Iraq: Iran-backed militia attacks and U.S. strikes');
    expect(flat(pdf.pages[0]!)).toContain('311800ZJAN24');
    expect(flat(pdf.pages[0]!)).toContain('1 Jun 2021 to 31 Jan 2024');
    expect(pdf.info.Title).toBe('Iraq: Iran-backed militia attacks and U.S. strikes');
    expect(pdf.info.Subject).toContain('2021-06-01');
    expect(String(pdf.info.CreationDate)).toContain('20240131180000');
  });

  it('marks every page with the classification and "Page X of Y"', () => {
    pdf.pages.forEach((page, i) => {
      expect(page.split('UNCLASSIFIED // FOR TRAINING USE').length - 1).toBeGreaterThanOrEqual(2);
      expect(flat(page)).toContain(`Page ${i + 1} of ${pdf.pages.length}`);
    });
  });

  it('prints a quote verbatim with its speaker and a footnote naming its source', () => {
    const quote = 'Definitely, what the U.S. is doing is disrupting the security of the region';
    expect(text).toContain(quote);
    const after = text.slice(text.indexOf(quote));
    const mark = /^[^”"]*[”"](\d+)/.exec(after)?.[1];
    expect(mark, 'the quote carries a note number').toBeDefined();
    expect(after).toMatch(/Saeed Khatibzadeh, Foreign Ministry spokesman, 28 Jun 2021/);
    const note = new RegExp(`${mark}\\. “US Airstrikes Hit Iran-Backed Militia Facilities in Iraq, Syria”, 28 Jun 2021, para\\. 9`);
    expect(text).toMatch(note);
  });

  it('shows key developments with every reported toll, and says when sources disagree', () => {
    expect(text).toMatch(/Key developments .*22 Nov 2023.*Air\/drone strike, Jurf al-Sakhar \(Iraq\)/);
    expect(text).toMatch(/Killed: [^.]*8 \(per KH\)[^.]*5 \(per Kataib Hezbollah paramilitary group\)[^.]*, disputed\./);
  });

  it('prints each note at the foot of the page that cites it, below the body', async () => {
    for (const page of await pageNotes(bytes)) {
      expect(page.notes, `page ${page.page}`).toEqual(expect.arrayContaining(page.marks));
      if (page.notes.length > 0) expect(page.bodyBottom, `page ${page.page}`).toBeGreaterThan(page.notesTop);
    }
  });

  it('lists its sources at the end', () => {
    expect(text).toMatch(/Sources .*US Airstrikes Hit Iran-Backed Militia Facilities in Iraq, Syria/);
  });

  it('names its sources on the first page', () => {
    expect(flat(pdf.pages[0]!)).toMatch(/Sources 5 documents cited: .*ABC News, “US hits Iran-backed militants with fourth round of retaliatory airstrikes” \(22 Nov 2023\)/);
  });

  it('leaves no temporary file behind', () => {
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('gives byte-identical output when built again', async () => {
    const again = workspace();
    await sitrep(['build', sampleSpec, '--out', again]);
    expect(readFileSync(path.join(again, 'iraq-militias_2024-01-31.pdf')).equals(bytes)).toBe(true);
  });

  it('orders text the same under any locale (a Swedish one sorts "ä" after "z" by default)', () => {
    const script = `import('./dist/util/compare.js').then(({ compareText }) => console.log(['z', 'ä', 'a'].sort(compareText).join('')))`;
    const swedish = spawnSync(process.execPath, ['-e', script], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, LC_ALL: 'sv_SE.UTF-8', LANG: 'sv_SE.UTF-8' } });
    expect(swedish.stdout.trim()).toBe('aäz');
  });

  it('dates the PDF from SOURCE_DATE_EPOCH when it is set', async () => {
    // The one-page flash briefing: the date is set the same way for every report.
    const dir = workspace();
    await sitrep(['build', 'briefings/iraq-militias-flash.yaml', '--out', dir], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    const info = (await readPdf(readFileSync(path.join(dir, 'iraq-militias-flash_2023-11-23.pdf')))).info;
    expect(String(info.CreationDate)).toContain('20231114221320');
  });
});

describe('a weekly spec (period: 2023-W47)', () => {
  const out = workspace();
  beforeAll(async () => {
    const result = await sitrep(['build', 'briefings/iraq-militias-weekly.yaml', '--out', out]);
    expect(result.code).toBe(0);
  });

  it('covers Monday 20 to Sunday 26 November and is named after its as-of date', async () => {
    const pdf = await readPdf(readFileSync(path.join(out, 'iraq-militias-weekly_2023-11-26.pdf')));
    const first = flat(pdf.pages[0]!);
    expect(first).toContain('Week 2023-W47, 20 Nov 2023 to 26 Nov 2023');
    expect(first).toContain('261800ZNOV23');
    expect(first).toContain('Next report 031800ZDEC23 (3 December 2023)');
    // Only what happened that week: the 2021 strikes are outside it.
    expect(flat(pdf.pages.join(' '))).not.toContain('28 Jun 2021');
  });

  it('carries its data: the spec, events and quotes as a JSON attachment that reads back', async () => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: new Uint8Array(readFileSync(path.join(out, 'iraq-militias-weekly_2023-11-26.pdf'))) }).promise;
    const attachments = (await pdf.getAttachments()) as Record<string, { filename: string; content: Uint8Array }>;
    await pdf.destroy();
    const file = attachments['iraq-militias-weekly.json'];
    expect(file, 'attachment present').toBeDefined();
    const data = JSON.parse(Buffer.from(file!.content).toString('utf8'));
    expect(data.spec).toMatchObject({ name: 'iraq-militias-weekly', period: { from: '2023-11-20', to: '2023-11-26', week: '2023-W47' } });
    expect(data.spec.file).toBeUndefined(); // no paths of the machine that built it
    expect(data.events.some((e: { location: { name: string } | null }) => e.location?.name === 'Jurf al-Sakhar')).toBe(true);
    expect(data.quotes.map((q: { text: string }) => q.text)).toContain('dangerous escalation.');
  });
});
