// Template helpers: dates, date-time groups, plurals, speakers, and `cite`, which attaches a source footnote.
import type Handlebars from 'handlebars';
import type { Casualty, SitrepEvent, Speaker, SourceDocument, SourceRef } from '../types.js';
import { dateTimeGroup, formatUtc, parseUtc } from '../spec/period.js';
import type { CitationRegistry } from './citations.js';
import { sourceName } from './citations.js';
import { escapeMarkdown } from './escape.js';
import { compareText, englishNumber } from '../util/compare.js';

type HelperOptions = Handlebars.HelperOptions;

/** What helpers need of the report being composed: set before each report, read when a helper runs. */
export interface ReportScope {
  citations: CitationRegistry;
  eventTypeLabels: Record<string, string>;
  documents: Map<string, SourceDocument>;
}

export function registerHelpers(hb: typeof Handlebars, report: ReportScope): void {
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
    cite: (item: unknown) => {
      const marks = refsOf(item).map((ref) => report.citations.cite(ref)).join('');
      const others = (item as SitrepEvent | null)?.uncited?.documents ?? 0;
      return safe(others > 0 ? `${marks} (and ${others} other ${others === 1 ? 'report' : 'reports'})` : marks);
    },
    speaker: (speaker: Speaker) => speakerLabel(speaker),
    /** {{eventType type}} -> "Air/drone strike" */
    eventType: (id: unknown) => report.eventTypeLabels[String(id)] ?? String(id),
    /** {{casualties event}} -> "Killed: 5 (per Kataib Hezbollah); 8 (per KH), disputed. Injured: 8." */
    casualties: (event: SitrepEvent) => casualtiesText(event),
    /** {{confidence event}}: High (several articles agree), Medium, Low. */
    confidence: (event: SitrepEvent) => confidenceOf(event),
    /** {{sourceCount event}} -> "3 articles" */
    sourceCount: (event: SitrepEvent) => {
      const n = documentCount(event);
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
    lt: (a: unknown, b: unknown) => Number(a) < Number(b),
    or: (...all: unknown[]) => args(all).some(Boolean),
    not: (value: unknown) => !value || (Array.isArray(value) && value.length === 0),
    /** {{numberWords 3}} -> "three": words up to twelve, as style guides ask; digits above. */
    numberWords: (value: unknown) => numberWords(Number(value)),
    /** {{sourcesOf this}} -> "ABC News; Reuters": the documents a quote, event or figure comes from, by name. */
    sourcesOf: (item: unknown) => {
      const name = (id: string) => {
        const document = report.documents.get(id);
        return document ? sourceName(document) : id;
      };
      return [...new Set(refsOf(item, false).map((r) => name(r.document)))].join('; ');
    },
    /** {{truncate summary 80}} -> at most 80 characters, cut at a word, with an ellipsis. */
    truncate: (text: unknown, length: unknown) => truncate(String(text ?? ''), Number(length)),
    /** {{#each (sortBy events "-date")}}: by a field (a dotted path); a leading - sorts descending. */
    sortBy: (list: unknown, field: unknown) => sortBy(asList(list, 'sortBy'), String(field)),
    /** {{#each (groupBy events "location.name")}} {{key}}: {{items.length}} {{/each}}; "week" groups dates by ISO week. */
    groupBy: (list: unknown, field: unknown) => groupBy(asList(list, 'groupBy'), String(field)),
    /** {{#each (limit quotes 3)}}: the first N. */
    limit: (list: unknown, count: unknown) => asList(list, 'limit').slice(0, Math.max(0, Number(count) || 0)),
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

function refsOf(item: unknown, oncePerDocument = true): SourceRef[] {
  if (!item || typeof item !== 'object') return [];
  const record = item as { sources?: SourceRef[]; document?: string; paragraph?: number };
  // An event told in several paragraphs of one article cites the article once, at its first mention.
  if (Array.isArray(record.sources)) return oncePerDocument ? record.sources.filter((s, i, all) => all.findIndex((t) => t.document === s.document) === i) : record.sources;
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
  if (!event?.casualties?.length && !event?.uncited?.casualties.length) return '';
  const parts: string[] = [];
  for (const kind of ['killed', 'injured'] as const) {
    const reports = event.casualties.filter((c) => c.kind === kind);
    if (reports.length === 0) continue;
    const values = uniqueBy(reports.map((c) => `${countText(c)}${c.claimedBy ? ` (per ${c.claimedBy})` : ''}`));
    // Figures given only by reports the item does not cite are summed up, not dropped.
    const others = (event.uncited?.casualties ?? []).filter((c) => c.kind === kind && c.count !== null).map((c) => c.count!);
    if (others.length > 0) {
      const [low, high] = [Math.min(...others), Math.max(...others)];
      values.push(`${low === high ? low : `${low} to ${high}`} in other reports`);
    }
    const disputed = event.conflicts.some((c) => c.field === kind);
    parts.push(`${kind === 'killed' ? 'Killed' : 'Injured'}: ${values.join('; ')}${disputed ? ', disputed' : ''}.`);
  }
  return parts.join(' ');
}

/** Documents reporting an event, cited or not. */
function documentCount(event: SitrepEvent): number {
  return new Set(event.sources.map((s) => s.document)).size + (event.uncited?.documents ?? 0);
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
  const documents = documentCount(event);
  if (documents >= 2 && event.precision === 'day' && event.conflicts.length === 0) return 'High';
  if (documents >= 2 || event.precision === 'day') return 'Medium';
  return 'Low';
}

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

export function numberWords(n: number): string {
  if (!Number.isFinite(n)) return '';
  return Number.isInteger(n) && n >= 0 && n < WORDS.length ? WORDS[n]! : englishNumber(n);
}

export function truncate(text: string, length: number): string {
  if (!Number.isFinite(length) || length < 1 || text.length <= length) return text;
  const cut = text.slice(0, length - 1);
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length > length / 2 ? atWord : cut).trimEnd()}…`;
}

function asList(value: unknown, helper: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new Error(`${helper} expects a list, got ${value === null ? 'null' : typeof value}`);
}

const valueAt = (item: unknown, field: string): unknown =>
  field.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), item);

export function sortBy(list: unknown[], field: string): unknown[] {
  const descending = field.startsWith('-');
  const path = descending ? field.slice(1) : field;
  const key = (item: unknown) => valueAt(item, path);
  const compare = (a: unknown, b: unknown) => {
    const x = key(a);
    const y = key(b);
    if (x === y) return 0;
    if (x === undefined || x === null) return 1; // unknowns last, whichever the order
    if (y === undefined || y === null) return -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
    return descending ? -order : order;
  };
  return [...list].sort(compare);
}

/** Groups in order of first appearance; "week" turns a `date` into its ISO week (2023-W47). */
export function groupBy(list: unknown[], field: string): { key: string; items: unknown[] }[] {
  const groups = new Map<string, unknown[]>();
  for (const item of list) {
    const raw = field === 'week' ? valueAt(item, 'date') : valueAt(item, field);
    const date = field === 'week' && typeof raw === 'string' ? parseUtc(raw) : null;
    const key = field === 'week' ? (date ? formatUtc(date, "RRRR-'W'II") : 'date unknown') : raw === undefined || raw === null ? 'unknown' : String(raw);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups].map(([key, items]) => ({ key, items }));
}
