// Selection + template -> Markdown (CommonMark with footnotes).
import type Handlebars from 'handlebars';
import type { Figure, Selection, SourceDocument, SourceRef } from '../types.js';
import { dateTimeGroup, parseUtc } from '../spec/period.js';
import { CitationRegistry, publishedLabel, sourceName } from './citations.js';
import { checkNames, compileTemplate, createMarkdownHandlebars, type Template } from './handlebars.js';
import { registerHelpers, type ReportScope } from './helpers.js';
import type { TemplateSources } from './templateFiles.js';
import { compareText, englishNumber } from '../util/compare.js';

export function compose(selection: Selection, template: TemplateSources): string {
  const { main, report } = compiledTemplate(template);
  report.documents = new Map(selection.documents.map((d) => [d.id, d]));
  report.citations = new CitationRegistry(report.documents);
  report.eventTypeLabels = selection.eventTypeLabels;
  const body = main(viewModel(selection));
  const notes = report.citations.definitions();
  return notes ? `${body.trimEnd()}\n\n${notes}\n` : `${body.trimEnd()}\n`;
}

/**
 * A template's files, compiled once and checked (a weekly batch composes many reports with one template), by their
 * names and text: the built-in templates are compiled in the startup snapshot (src/cli/snapshot.ts). Its helpers
 * read the report being composed from `report`, which compose() sets before each run: runs are synchronous, so one
 * report is composed at a time.
 */
const compiledTemplates = new Map<string, { main: Template; report: ReportScope }>();
// A template edited again and again under build --watch: the last few versions are kept, not all.
const KEPT_TEMPLATES = 8;

export function compiledTemplate(template: TemplateSources): { main: Template; report: ReportScope } {
  const key = JSON.stringify([template.main, template.partials]);
  let compiled = compiledTemplates.get(key);
  if (!compiled) {
    compiled = compileTemplates(template);
    if (compiledTemplates.size >= KEPT_TEMPLATES) compiledTemplates.delete(compiledTemplates.keys().next().value!);
    compiledTemplates.set(key, compiled);
  }
  return compiled;
}

function compileTemplates(template: TemplateSources) {
  const hb = createMarkdownHandlebars();
  const report: ReportScope = { citations: new CitationRegistry(new Map()), eventTypeLabels: {}, documents: new Map() };
  registerHelpers(hb, report);
  for (const partial of template.partials) {
    hb.registerPartial(partial.name, compileTemplate(hb, partial) as Handlebars.TemplateDelegate);
  }
  const main = compileTemplate(hb, template.main); // syntax errors first, with their line
  for (const source of [template.main, ...template.partials]) checkNames(hb, source);
  return { main, report };
}

/** What templates see. Every field is present (null when unknown), so strict mode catches misspelt names. */
export function viewModel(selection: Selection) {
  const { spec } = selection;
  const asOf = parseUtc(spec.asOf)!;
  // One numbering for every event in the report, in date order: the map's markers match the chronology.
  const allEvents = [...new Map(selection.sections.flatMap((s) => s.events).map((e) => [e.id, e])).values()];
  allEvents.sort((a, b) => compareText(a.date ?? '', b.date ?? '') || compareText(a.id, b.id));
  const numbers = new Map(allEvents.map((e, i) => [e.id, i + 1]));
  return {
    report: {
      title: spec.title,
      subtitle: spec.subtitle,
      reportNumber: spec.reportNumber,
      classification: spec.classification,
      asOf: spec.asOf,
      asOfDtg: dateTimeGroup(asOf),
      period: spec.period,
      // A weekly report announces the next one: the end of the following week, at the same time of day.
      nextReport: spec.period.week ? new Date(asOf.getTime() + 7 * 86_400_000).toISOString() : null,
      language: spec.language,
      sourceCount: selection.documents.length,
      skippedCount: selection.skipped.length,
    },
    sections: selection.sections.map((section) => ({
      ...section,
      events: section.events.map((e) => ({ ...e, number: numbers.get(e.id) ?? 0 })),
      figures: groupFigures(section.figures),
      partial: `section-${section.kind}`,
    })),
    documents: selection.documents.map((document, i) => documentView(document, i)),
    skipped: selection.skipped,
  };
}

function documentView(document: SourceDocument, index: number) {
  return { ...document, number: index + 1, name: sourceName(document), publishedLabel: publishedLabel(document) };
}

/**
 * Figures read from one sentence are one line ("66 attacks; 32 attacks in Iraq"); the same count reported by
 * several articles is one line with several sources.
 */
function groupFigures(figures: Figure[]) {
  const groups: { labels: string[]; text: string; sources: SourceRef[] }[] = [];
  for (const figure of figures) {
    const label = `${englishNumber(figure.value)} ${figure.unit}`;
    const source = { document: figure.document, paragraph: figure.paragraph };
    const group = groups.find((g) => g.text === figure.text || g.labels.includes(label));
    if (!group) {
      groups.push({ labels: [label], text: figure.text, sources: [source] });
      continue;
    }
    if (!group.labels.includes(label)) group.labels.push(label);
    if (!group.sources.some((s) => s.document === source.document && s.paragraph === source.paragraph)) group.sources.push(source);
  }
  return groups.map((g) => ({ ...g, label: g.labels.join('; ') }));
}
