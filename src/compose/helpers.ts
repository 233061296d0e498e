// Template helpers: dates, date-time groups, plurals, speakers, and `cite`, which attaches a source footnote.
import type Handlebars from 'handlebars';
import type { Casualty, SitrepEvent, Speaker, SourceDocument, SourceRef } from '../types.js';
import { dateTimeGroup, formatUtc, parseUtc } from '../spec/period.js';
import type { CitationRegistry } from './citations.js';
import { sourceName } from './citations.js';
import { escapeMarkdown } from './escape.js';

type HelperOptions = Handlebars.HelperOptions;

export function registerHelpers(hb: typeof Handlebars, citations: CitationRegistry, eventTypeLabels: Record<string, string> = {}): void {
  const safe = (markdown: string) => new hb.SafeString(markdown);
  const args = (all: unknown[]) => all.slice(0, -1); // the last argument is Handlebars' options

  hb.registerHelper({
    /** {{date value "d MMM yyyy"}}; an unknown date prints "date unknown". */
    date: (value: unknown, ...rest: unknown[]) => {
      const [pattern] = args(rest);
      const date = typeof value === 'string' ? parseUtc(value) : null;
      return date ? formatUtc(date, typeof pattern === 'string' ? pattern : 'd MMM yyyy') : 'date unknown';
    },
    /** {{dtg value}} -> 221200ZNOV23 */
    dtg: (value: unknown) => {
      const date = typeof value === 'string' ? parseUtc(value) : null;
      return date ? dateTimeGroup(date) : '';
    },
    /** {{plural 3 "event"}} -> "3 events"; {{plural 1 "casualty" "casualties"}} -> "1 casualty" */
    plural: (count: unknown, singular: unknown, ...rest: unknown[]) => {
      const [pluralForm] = args(rest);
      const n = Number(count);
      return `${n} ${n === 1 ? singular : typeof pluralForm === 'string' ? pluralForm : `${singular}s`}`;
    },
    /** {{cite quote}}: a footnote for each source of a quote, event or figure. */
    cite: (item: unknown) => safe(refsOf(item).map((ref) => citations.cite(ref)).join('')),
    speaker: (speaker: Speaker) => speakerLabel(speaker),
    /** {{eventType type}} -> "Air/drone strike" */
    eventType: (id: unknown) => eventTypeLabels[String(id)] ?? String(id),
    /** {{casualties event}} -> "Killed: 5 (per Kataib Hezbollah); 8 (per KH), disputed. Injured: 8." */
    casualties: (event: SitrepEvent) => casualtiesText(event),
    /** {{confidence event}}: High (several articles agree), Medium, Low. */
    confidence: (event: SitrepEvent) => confidenceOf(event),
    /** {{sourceCount event}} -> "3 articles" */
    sourceCount: (event: SitrepEvent) => {
      const n = new Set(event.sources.map((s) => s.document)).size;
      return `${n} ${n === 1 ? 'article' : 'articles'}`;
    },
    /** {{mapBlock events}}: the events with coordinates, as a map directive for the renderer. */
    mapBlock: (events: (SitrepEvent & { number: number })[]) => {
      const markers = events
        .filter((e) => e.location?.lat != null && e.location.lon != null)
        .map((e) => ({ n: e.number, lat: e.location!.lat, lon: e.location!.lon, name: e.location!.name }));
      // One line of JSON: a fence cannot be closed from inside it.
      return safe(`\`\`\`sitrep-map\n${JSON.stringify(markers)}\n\`\`\``);
    },
    sourceName: (document: SourceDocument) => sourceName(document),
    join: (list: unknown, ...rest: unknown[]) => {
      const [separator] = args(rest);
      return Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '';
    },
    eq: (a: unknown, b: unknown) => a === b,
    gt: (a: unknown, b: unknown) => Number(a) > Number(b),
    /** Multi-paragraph text, escaped paragraph by paragraph. */
    paragraphs: (text: unknown, _options?: HelperOptions) =>
      safe(
        String(text ?? '')
          .split(/\n\s*\n/)
          .map((p) => escapeMarkdown(p.trim()))
          .filter(Boolean)
          .join('\n\n'),
      ),
  });
}

function refsOf(item: unknown): SourceRef[] {
  if (!item || typeof item !== 'object') return [];
  const record = item as { sources?: SourceRef[]; document?: string; paragraph?: number };
  // An event told in several paragraphs of one article cites the article once, at its first mention.
  if (Array.isArray(record.sources)) return record.sources.filter((s, i, all) => all.findIndex((t) => t.document === s.document) === i);
  if (typeof record.document === 'string' && typeof record.paragraph === 'number') return [{ document: record.document, paragraph: record.paragraph }];
  return [];
}

/** "Pat Ryder, Pentagon spokesman"; "U.S. Central Command"; "unidentified speaker". */
export function speakerLabel(speaker: Speaker | null | undefined): string {
  if (!speaker) return 'unidentified speaker';
  if (speaker.name) return speaker.role ? `${speaker.name}, ${speaker.role}` : speaker.name;
  if (speaker.role) return speaker.role.replace(/^\p{Ll}/u, (c) => c.toUpperCase()).replace(/^/, 'A ').replace(/^A ([AEIOU])/, 'An $1');
  return speaker.organization ?? 'Unidentified speaker';
}

/** Every reported count, with who claimed it; disagreement is said, never averaged away. */
export function casualtiesText(event: SitrepEvent | null | undefined): string {
  if (!event?.casualties?.length) return '';
  const parts: string[] = [];
  for (const kind of ['killed', 'injured'] as const) {
    const reports = event.casualties.filter((c) => c.kind === kind);
    if (reports.length === 0) continue;
    const values = uniqueBy(reports.map((c) => `${countText(c)}${c.claimedBy ? ` (per ${c.claimedBy})` : ''}`));
    const disputed = event.conflicts.some((c) => c.field === kind);
    parts.push(`${kind === 'killed' ? 'Killed' : 'Injured'}: ${values.join('; ')}${disputed ? ', disputed' : ''}.`);
  }
  return parts.join(' ');
}

function countText(c: Casualty): string {
  if (c.count === null) return c.qualifier ?? 'unknown number';
  return c.qualifier ? `${c.qualifier} ${c.count}` : String(c.count);
}

function uniqueBy(values: string[]): string[] {
  return [...new Set(values)];
}

/** How far the report can be trusted: independent articles, an exact date, and no dispute. */
export function confidenceOf(event: SitrepEvent): 'High' | 'Medium' | 'Low' {
  const documents = new Set(event.sources.map((s) => s.document)).size;
  if (documents >= 2 && event.precision === 'day' && event.conflicts.length === 0) return 'High';
  if (documents >= 2 || event.precision === 'day') return 'Medium';
  return 'Low';
}
