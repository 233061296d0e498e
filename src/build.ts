// The pipeline for one spec: read -> extract -> select -> compose -> render -> write. I/O and environment come in here.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SitrepError } from './errors.js';
import type { Corpus, Extraction, RenderMeta, Selection, Spec } from './types.js';
import { readCorpus } from './read/corpus.js';
import { extract } from './extract/index.js';
import { parseAliases } from './extract/aliases.js';
import { parseEventTypes, parseGazetteer, type Knowledge } from './extract/knowledge.js';
import { corpusOrigin, parseSpec } from './spec/load.js';
import { dateTimeGroup, parseUtc } from './spec/period.js';
import { select } from './select/index.js';
import { compose } from './compose/index.js';
import { readTemplate, resolveTemplateDir, type TemplateSources } from './compose/templateFiles.js';
import { renderReport } from './render/document.js';
import { outputPath, writeAtomic } from './deliver/write.js';
import { builtinData, builtinTemplates } from './paths.js';

export interface BuildOptions {
  outDir: string;
  templatesRoot?: string;
  dataDir?: string;
  /** Seconds since the epoch (SOURCE_DATE_EPOCH); otherwise the spec's as-of time dates the PDF. */
  sourceDateEpoch?: string;
}

export interface BuildResult {
  spec: Spec;
  file: string;
  bytes: number;
  markdown: string;
  skipped: number;
}

export async function loadSpecFile(file: string): Promise<{ spec: Spec; text: string }> {
  const absolute = path.resolve(file);
  const text = await readFile(absolute, 'utf8').catch(() => {
    throw new SitrepError({ code: 'SpecNotFound', message: `spec not found: ${file}` });
  });
  return { spec: parseSpec(text, absolute), text };
}

/** The analyst-editable data files: aliases, gazetteer, event types. */
export async function loadKnowledge(dataDir = builtinData): Promise<Knowledge> {
  const read = async <T>(name: string, parse: (text: string, file: string) => T): Promise<T> => {
    const file = path.join(dataDir, name);
    return parse(await readFile(file, 'utf8'), file);
  };
  return {
    aliases: await read('aliases.yaml', parseAliases),
    gazetteer: await read('gazetteer.yaml', parseGazetteer),
    eventTypes: await read('event-types.yaml', parseEventTypes),
  };
}

export async function extractCorpus(corpusDir: string, dataDir?: string, origin?: { file: string; line?: number; column?: number }) {
  const knowledge = await loadKnowledge(dataDir);
  const corpus = await readCorpus(corpusDir, origin);
  const extraction: Extraction = extract(corpus.articles, knowledge);
  return { corpus, extraction, knowledge };
}

/** Everything a report is made from, read once: the spec, the corpus and what was extracted, the template. */
export interface Inputs {
  spec: Spec;
  corpus: Corpus;
  extraction: Extraction;
  eventTypeLabels: Record<string, string>;
  templateDir: string;
  template: TemplateSources;
}

export async function loadInputs(specFile: string, options: Pick<BuildOptions, 'templatesRoot' | 'dataDir'>): Promise<Inputs> {
  const { spec, text } = await loadSpecFile(specFile);
  const { corpus, extraction, knowledge } = await extractCorpus(spec.corpus, options.dataDir, corpusOrigin(text, spec.file));
  const eventTypeLabels = Object.fromEntries(knowledge.eventTypes.map((t) => [t.id, t.label]));
  const templateDir = await resolveTemplateDir(spec.template, options.templatesRoot ?? builtinTemplates, path.dirname(spec.file));
  return { spec, corpus, extraction, eventTypeLabels, templateDir, template: await readTemplate(templateDir) };
}

/** One report from read inputs; `spec` may be the inputs' spec narrowed to another period (weekly reports). */
export async function renderInputs(inputs: Inputs, spec: Spec, options: Pick<BuildOptions, 'sourceDateEpoch'>) {
  const selection = select(spec, inputs.extraction, inputs.corpus.skipped, inputs.eventTypeLabels);
  const markdown = compose(selection, inputs.template);
  const meta = { ...renderMeta(spec, options.sourceDateEpoch), attachment: reportData(selection) };
  const pdf = await renderReport(markdown, meta, { allowedDirs: [inputs.templateDir] });
  return { selection, markdown, pdf };
}

export async function buildReport(specFile: string, options: BuildOptions): Promise<BuildResult> {
  const inputs = await loadInputs(specFile, options);
  const { spec } = inputs;
  const { pdf, markdown } = await renderInputs(inputs, spec, options);
  const file = outputPath(options.outDir, `${spec.name}_${spec.asOf.slice(0, 10)}.pdf`);
  await writeAtomic(file, pdf);
  return { spec, file, bytes: pdf.length, markdown, skipped: inputs.corpus.skipped.length };
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
