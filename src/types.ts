// The values handed from one pipeline stage to the next. Imports nothing.

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

/** Where a piece of document metadata came from. */
export type Provenance = 'manifest' | 'front-matter' | 'inferred' | 'unknown';

/** One source document of the corpus, with what is known about it. */
export interface SourceDocument {
  /** Path relative to the corpus root, without extension. */
  id: string;
  /** Path relative to the corpus root. */
  file: string;
  title: string | null;
  outlet: string | null;
  author: string | null;
  url: string | null;
  published: IsoDate | null;
  publishedFrom: Provenance;
  /** Admiralty-scale source reliability (A-F), when the manifest gives one. */
  reliability: string | null;
}

export type ParagraphRole = 'headline' | 'byline' | 'copyright' | 'body';

/** A non-empty paragraph; `n` is 1-based and is what citations name. */
export interface Paragraph {
  n: number;
  text: string;
  role: ParagraphRole;
}

/** A document with its text split into paragraphs. */
export interface Article {
  document: SourceDocument;
  paragraphs: Paragraph[];
}

/** A file of the corpus that could not be read, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface Corpus {
  root: string;
  articles: Article[];
  skipped: SkippedFile[];
}

/** Where a claim was read: document id and 1-based paragraph number. */
export interface SourceRef {
  document: string;
  paragraph: number;
}

export interface Speaker {
  name: string | null;
  role: string | null;
  organization: string | null;
}

export interface Quote {
  id: string;
  document: string;
  paragraph: number;
  /** Verbatim, without the surrounding quotation marks. */
  text: string;
  speaker: Speaker;
  date: IsoDate | null;
}

export type DatePrecision = 'day' | 'week' | 'month' | 'year';

export interface Casualty {
  kind: 'killed' | 'injured';
  count: number | null;
  qualifier: string | null;
  claimedBy: string | null;
  document: string;
}

export interface Place {
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
}

export interface Conflict {
  field: string;
  values: { value: string | number; document: string }[];
}

export interface SitrepEvent {
  id: string;
  date: IsoDate | null;
  dateEnd: IsoDate | null;
  precision: DatePrecision;
  type: string;
  summary: string;
  actors: string[];
  location: Place | null;
  casualties: Casualty[];
  sources: SourceRef[];
  conflicts: Conflict[];
  /**
   * Set by selection when more documents report the event than a report cites for one item (`sourcesPerItem`):
   * how many documents were left uncited, and the casualty figures only they give.
   */
  uncited?: { documents: number; casualties: Casualty[] };
}

export interface Figure {
  id: string;
  text: string;
  value: number;
  unit: string;
  document: string;
  paragraph: number;
}

/** Everything read from a corpus: the public JSON contract of `sitrep extract`. */
export interface Extraction {
  documents: SourceDocument[];
  quotes: Quote[];
  events: SitrepEvent[];
  figures: Figure[];
}

// ---- Briefing spec ----

/** `chronology` is events as a table; `map` is events as numbered markers; `figures` includes casualty tolls. */
export type SectionKind = 'events' | 'changes' | 'chronology' | 'map' | 'quotes' | 'figures' | 'text';

export interface SectionFilter {
  actors?: string[];
  places?: string[];
  types?: string[];
  keywords?: string[];
  sources?: string[];
  from?: IsoDate;
  to?: IsoDate;
}

export interface Section extends SectionFilter {
  heading: string;
  kind: SectionKind;
  /** Free text (Markdown written by the analyst) for `kind: text`. */
  text?: string;
  limit?: number;
  /** `significance`: the most-reported, deadliest first (then shown in date order). */
  sort?: 'date' | '-date' | 'document' | 'significance';
}

export interface Period {
  from: IsoDate;
  to: IsoDate;
  /** ISO week label (`2023-W47`) when the spec named a week. */
  week: string | null;
}

export interface Spec {
  /** File name without extension; names the output. */
  name: string;
  /** Absolute path of the spec file. */
  file: string;
  title: string;
  subtitle: string | null;
  reportNumber: string | null;
  classification: string;
  /** Report time, UTC, as an ISO date-time (`2023-11-24T12:00:00Z`). */
  asOf: string;
  period: Period;
  /** Absolute path of the corpus folder. */
  corpus: string;
  template: string;
  language: string;
  sections: Section[];
  /** Most documents cited for one event; the others are counted ("and 12 other reports"). */
  sourcesPerItem: number;
  /** How weekly reports are numbered, and the day weeks start on. */
  weekly: { first: string | null; number: string; weekStartsOn: Weekday };
  /** Where reports are mailed (addresses and server); null when the spec has no `mail:`. */
  mail: SpecMail | null;
}

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface SpecMail {
  from: string | null;
  to: string[];
  cc: string[];
  subject: string | null;
  smtp: { host: string; port: number | null; security: 'tls' | 'starttls' | 'none' } | null;
}

// ---- Between select, compose and render ----

export interface SelectedSection {
  heading: string;
  kind: SectionKind;
  text: string | null;
  events: SitrepEvent[];
  /** `changes` sections: events first reported before the period that its documents add figures to. */
  updated: SitrepEvent[];
  quotes: Quote[];
  figures: Figure[];
}

export interface Selection {
  spec: Spec;
  /** Event type id -> label, from data/event-types.yaml. */
  eventTypeLabels: Record<string, string>;
  documents: SourceDocument[];
  sections: SelectedSection[];
  skipped: SkippedFile[];
}

/** What the renderer needs besides the Markdown body. */
export interface RenderMeta {
  title: string;
  subject: string;
  keywords: string[];
  author: string;
  classification: string;
  /** Short identification on every page's footer (report number, as-of DTG). */
  footerLeft: string;
  language: string;
  /** PDF creation date; fixed so that output is reproducible. */
  creationDate: Date;
  /** Data embedded in the PDF as a file attachment (the report carries its data). */
  attachment: { name: string; description: string; json: string } | null;
}
