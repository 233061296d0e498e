// A report carries its data (the JSON attachment written by build.ts): read it back to retell the report elsewhere,
// for example in the body of the email that sends it.
import { SitrepError } from '../errors.js';
import type { Period, SitrepEvent } from '../types.js';
import { formatUtc, parseUtc } from '../spec/period.js';

export interface ReportSummary {
  title: string;
  reportNumber: string | null;
  asOf: string;
  period: Period;
  /** Heading of the report's first events section, and one line per event in it. */
  keyHeading: string;
  keyDevelopments: string[];
}

interface ReportData {
  spec: { title: string; reportNumber: string | null; asOf: string; period: Period };
  events: SitrepEvent[];
  sections?: { heading: string; kind: string; events: string[] }[];
  eventTypes?: Record<string, string>;
}

export async function readReportData(pdf: Uint8Array, file: string): Promise<ReportData> {
  const notReport = (why: string) => new SitrepError({ code: 'MailInvalid', message: `${file}: ${why}`, hint: 'Give a spec, or a PDF that sitrep wrote.' });
  let attachments: Record<string, { filename: string; content: Uint8Array }> | null;
  try {
    // Loaded when needed: only mailing reads a PDF back.
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
    attachments = await document.getAttachments();
    await document.destroy();
  } catch {
    throw notReport('not a readable PDF');
  }
  const json = Object.values(attachments ?? {}).find((a) => a.filename.endsWith('.json'));
  if (!json) throw notReport('this PDF carries no sitrep report data');
  try {
    const data = JSON.parse(new TextDecoder().decode(json.content)) as ReportData & { generator?: string };
    if (data.generator !== 'sitrep' || !data.spec?.period) throw new Error('not sitrep data');
    return data;
  } catch {
    throw notReport('the report data attached to this PDF is not sitrep report data');
  }
}

/** The title, period and key developments: the first section that lists events. */
export function summarize(data: ReportData): ReportSummary {
  const events = new Map(data.events.map((e) => [e.id, e]));
  const key = data.sections?.find((s) => s.kind === 'events') ?? data.sections?.find((s) => s.events.length > 0);
  const label = (type: string) => data.eventTypes?.[type] ?? type;
  const line = (e: SitrepEvent) =>
    [e.date ? formatUtc(parseUtc(e.date)!, 'd MMM yyyy') : 'Date unknown', label(e.type), e.location?.name].filter(Boolean).join(', ') + `: ${e.summary}`;
  return {
    title: data.spec.title,
    reportNumber: data.spec.reportNumber,
    asOf: data.spec.asOf,
    period: data.spec.period,
    keyHeading: key?.heading ?? 'Key developments',
    keyDevelopments: (key?.events ?? []).flatMap((id) => (events.has(id) ? [line(events.get(id)!)] : [])),
  };
}
