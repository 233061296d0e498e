// The pipeline for one spec: read -> extract -> select -> compose -> render -> write. I/O and environment come in here.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SitrepError } from './errors.js';
import type { Extraction, RenderMeta, Selection, SkippedFile, Spec } from './types.js';
import { listCorpus, type CorpusOrigin } from './read/listing.js';
import { extractionPool, extractListing, type CacheStats, type ExtractionPool } from './cache/index.js';

export { loadKnowledge } from './knowledge.js';
import { readKnowledge } from './knowledge.js';
import { corpusOrigin, parseSpec } from './spec/load.js';
import { dateTimeGroup, parseUtc } from './spec/period.js';
import { select } from './select/index.js';
import { compose } from './compose/index.js';
import { readTemplate, resolveTemplateDir, type TemplateSources } from './compose/templateFiles.js';
import { resolveTheme, type Theme } from './render/theme.js';
import { outputPath, writeAtomic } from './deliver/write.js';
import { builtinData, builtinTemplates, packageRoot } from './paths.js';

export interface BuildOptions {
  outDir: string;
  templatesRoot?: string;
  dataDir?: string;
  /** Seconds since the epoch (SOURCE_DATE_EPOCH); otherwise the spec's as-of time dates the PDF. */
  sourceDateEpoch?: string;
  /** A PDF (default), or one self-contained HTML file. */
  format?: 'pdf' | 'html';
  /** Folder of the extraction cache; null or absent: extract everything. */
  cacheDir?: string | null;
  /** Worker threads for extraction and weekly reports (default: one per core; 0: none). */
  workers?: number;
}

export interface BuildResult {
  spec: Spec;
  file: string;
  bytes: number;
  markdown: string;
  skipped: number;
  /** What the build read: the spec, the corpus folder, the template folders, the data folder (for --watch). */
  reads: string[];
}

export async function loadSpecFile(file: string): Promise<{ spec: Spec; text: string }> {
  const absolute = path.resolve(file);
  const text = await readFile(absolute, 'utf8').catch(() => {
    throw new SitrepError({ code: 'SpecNotFound', message: `spec not found: ${file}` });
  });
  return { spec: parseSpec(text, absolute), text };
}

/**
 * SITREP_WORKERS: how many worker threads to use (0 turns them off); unset or empty, one per core for weekly
 * reports, and one per core but one for extraction, where this thread extracts too.
 */
export function workersFrom(env: Record<string, string | undefined>): number | undefined {
  const value = env.SITREP_WORKERS?.trim();
  // Number('') is 0: an empty SITREP_WORKERS= would otherwise turn the workers off.
  const n = value ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Where extraction results are kept: SITREP_CACHE_DIR, or node_modules/.cache/sitrep; `off` keeps none. */
export function cacheDirFrom(env: Record<string, string | undefined>): string | null {
  if (env.SITREP_CACHE_DIR === 'off') return null;
  return env.SITREP_CACHE_DIR ? path.resolve(env.SITREP_CACHE_DIR) : path.join(packageRoot, 'node_modules', '.cache', 'sitrep');
}

export async function extractCorpus(
  corpusDir: string,
  dataDir?: string,
  origin?: CorpusOrigin | (() => CorpusOrigin),
  cacheDir: string | null = null,
  stats?: CacheStats,
  workers?: number,
) {
  // Worker threads, if many files look to be extracted, start loading while the data and the corpus are read.
  return extractWith(extractionPool(corpusDir, cacheDir, { dataDir, workers }), { corpusDir, dataDir, origin, cacheDir, stats, workers });
}

async function extractWith(
  pool: ExtractionPool | null,
  { corpusDir, dataDir, origin, cacheDir, stats, workers }: { corpusDir: string; dataDir?: string; origin?: CorpusOrigin | (() => CorpusOrigin); cacheDir: string | null; stats?: CacheStats; workers?: number },
) {
  try {
    const { knowledge, key } = await readKnowledge(dataDir);
    const listing = await listCorpus(corpusDir, origin);
    const { extraction, skipped } = await extractListing(listing, knowledge, key, cacheDir, stats, { dataDir, workers, pool });
    return { skipped, extraction, knowledge };
  } finally {
    await pool?.close();
  }
}

/** Everything a report is made from, read once: the spec, the corpus and what was extracted, the template. */
export interface Inputs {
  spec: Spec;
  /** Corpus files that are not articles, and why (the title page counts them). */
  skipped: SkippedFile[];
  extraction: Extraction;
  eventTypeLabels: Record<string, string>;
  templateDir: string;
  template: TemplateSources;
  theme: Theme;
}

/** What rendering needs besides the selection: the template and its theme. */
export type Look = Pick<Inputs, 'template' | 'theme'>;

/**
 * The spec, its template and its corpus's extraction. `startRenderer` is called once the spec and template are read,
 * before the corpus (the longest part), so that a renderer's worker threads load meanwhile; or after the corpus when
 * worker threads extract it.
 */
export async function loadInputs(
  specFile: string,
  options: Pick<BuildOptions, 'templatesRoot' | 'dataDir' | 'cacheDir' | 'workers'>,
  startRenderer?: (spec: Spec, look: Look) => void,
): Promise<Inputs> {
  const { spec, text } = await loadSpecFile(specFile);
  const { templateDir, template, theme } = await loadTemplate(spec, options.templatesRoot);
  const cacheDir = options.cacheDir ?? null;
  const pool = extractionPool(spec.corpus, cacheDir, options);
  const look = { template, theme };
  // Extraction threads and rendering threads one after the other: at once, both sets of heaps would be in memory
  // together, and the two would share the same cores anyway.
  if (!pool) startRenderer?.(spec, look);
  const origin = () => corpusOrigin(text, spec.file);
  const { skipped, extraction, knowledge } = await extractWith(pool, { corpusDir: spec.corpus, dataDir: options.dataDir, origin, cacheDir, workers: options.workers });
  if (pool) startRenderer?.(spec, look);
  const eventTypeLabels = Object.fromEntries(knowledge.eventTypes.map((t) => [t.id, t.label]));
  return { spec, skipped, extraction, eventTypeLabels, templateDir, template, theme };
}

/** The spec's template, the templates it extends, and its theme, with the theme's files checked. */
async function loadTemplate(spec: Spec, templatesRoot = builtinTemplates) {
  const templateDir = await resolveTemplateDir(spec.template, templatesRoot, path.dirname(spec.file));
  const template = await readTemplate(templateDir, templatesRoot);
  const theme = resolveTheme(template.themes, template.themeFile ?? undefined);
  await checkThemeFiles(theme, template);
  return { templateDir, template, theme };
}

/** Fonts and logo must exist and lie inside the template's folders: a template reads nothing else. */
async function checkThemeFiles(theme: Theme, template: TemplateSources): Promise<void> {
  const files = [...(theme.logo ? [theme.logo.image] : []), ...Object.values(theme.fonts.files).flatMap((f) => Object.values(f))];
  for (const file of new Set(files)) {
    const inside = template.dirs.some((dir) => !path.relative(dir, file).startsWith('..') && !path.isAbsolute(path.relative(dir, file)));
    const problem = !inside ? 'is outside the template folder; copy it into the template' : !(await stat(file).catch(() => null))?.isFile() ? 'does not exist' : null;
    if (problem) throw new SitrepError({ code: 'TemplateInvalid', message: `${file} ${problem}`, file: template.themeFile ?? template.dir });
  }
}

/** One report from read inputs; `spec` may be the inputs' spec narrowed to another period (weekly reports). */
export async function renderInputs(inputs: Inputs, spec: Spec, options: Pick<BuildOptions, 'sourceDateEpoch'>) {
  const selection = select(spec, inputs.extraction, inputs.skipped, inputs.eventTypeLabels);
  return { selection, ...(await renderSelection(selection, inputs, options)) };
}

/**
 * The PDF renderer and the cache of its shaped words, loaded when a report is rendered: pdfmake, pdfkit and fontkit
 * take about a quarter of a second to load, which `sitrep extract` and the other commands need not wait for.
 */
export async function pdfRenderer() {
  const [{ renderReport, fontFilesOf }, { loadShapedWords, saveShapedWords }] = await Promise.all([import('./render/document.js'), import('./cache/shapes.js')]);
  return { renderReport, fontFilesOf, loadShapedWords, saveShapedWords };
}

/** What a report shows -> its Markdown and PDF. Needs only the template and theme of the inputs. */
export async function renderSelection(selection: Selection, look: Look, options: Pick<BuildOptions, 'sourceDateEpoch'>) {
  const { renderReport } = await pdfRenderer();
  const markdown = compose(selection, look.template);
  const meta = { ...renderMeta(selection.spec, options.sourceDateEpoch), attachment: reportData(selection) };
  const pdf = await renderReport(markdown, meta, { allowedDirs: look.template.dirs }, look.theme);
  return { markdown, pdf };
}

export async function buildReport(specFile: string, options: BuildOptions): Promise<BuildResult> {
  const inputs = await loadInputs(specFile, options);
  const { spec } = inputs;
  const name = `${spec.name}_${spec.asOf.slice(0, 10)}`;
  const reads = [spec.file, spec.corpus, ...inputs.template.dirs, options.dataDir ?? builtinData];
  if (options.format === 'html') {
    const selection = select(spec, inputs.extraction, inputs.skipped, inputs.eventTypeLabels);
    const markdown = compose(selection, inputs.template);
    const { renderHtml } = await import('./render/html.js');
    const html = renderHtml(markdown, { ...renderMeta(spec, options.sourceDateEpoch), attachment: null }, inputs.theme);
    const file = outputPath(options.outDir, `${name}.html`);
    await writeAtomic(file, html);
    return { spec, file, bytes: Buffer.byteLength(html), markdown, skipped: inputs.skipped.length, reads };
  }
  // Words shaped by earlier builds are read from the cache, and the new ones kept there.
  const { loadShapedWords, saveShapedWords, fontFilesOf } = await pdfRenderer();
  if (options.cacheDir) await loadShapedWords(options.cacheDir, fontFilesOf(inputs.theme));
  const { pdf, markdown } = await renderInputs(inputs, spec, options);
  if (options.cacheDir) await saveShapedWords();
  const file = outputPath(options.outDir, `${name}.pdf`);
  await writeAtomic(file, pdf);
  return { spec, file, bytes: pdf.length, markdown, skipped: inputs.skipped.length, reads };
}

/** What the report shows, as data: the spec (without this machine's paths), the selected events and quotes. */
function reportData(selection: Selection): RenderMeta['attachment'] {
  const { file: _file, corpus: _corpus, ...spec } = selection.spec;
  const unique = <T extends { id: string }>(items: T[]) => [...new Map(items.map((i) => [i.id, i])).values()];
  const data = {
    generator: 'sitrep',
    spec,
    documents: selection.documents,
    events: unique(selection.sections.flatMap((s) => [...s.events, ...s.updated])),
    quotes: unique(selection.sections.flatMap((s) => s.quotes)),
    figures: unique(selection.sections.flatMap((s) => s.figures)),
    // Which items each section shows, by id: what a mail body or another tool needs to retell the report.
    sections: selection.sections.map((s) => ({
      heading: s.heading,
      kind: s.kind,
      events: s.events.map((e) => e.id),
      updated: s.updated.map((e) => e.id),
      quotes: s.quotes.map((q) => q.id),
      figures: s.figures.map((f) => f.id),
    })),
    eventTypes: selection.eventTypeLabels,
  };
  return { name: `${spec.name}.json`, description: 'The briefing spec and the events, quotes and figures this report shows', json: `${JSON.stringify(data, null, 2)}\n` };
}

function renderMeta(spec: Spec, sourceDateEpoch: string | undefined): Omit<RenderMeta, 'attachment'> {
  const epoch = sourceDateEpoch && /^\d+$/.test(sourceDateEpoch) ? new Date(Number(sourceDateEpoch) * 1000) : null;
  return {
    title: spec.title,
    subject: `Situation report, ${spec.period.from} to ${spec.period.to}`,
    keywords: ['situation report', ...(spec.period.week ? [spec.period.week] : [])],
    author: 'sitrep',
    classification: spec.classification,
    footerLeft: [spec.reportNumber, dateTimeGroup(parseUtc(spec.asOf)!)].filter(Boolean).join(' · '),
    language: spec.language,
    creationDate: epoch ?? parseUtc(spec.asOf)!,
  };
}
