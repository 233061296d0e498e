// A report as an email: the PDF attached, a plain-text and an HTML body that retell the title, the period and the
// key developments. Written to an .eml file or sent over SMTP with nodemailer. Settings and credentials come in
// from the caller (the spec's `mail:` and the environment); nothing here reads either.
import path from 'node:path';
import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { SendMailOptions } from 'nodemailer';
import { SitrepError } from '../errors.js';
import type { SpecMail } from '../types.js';
import { escapeMarkdown } from '../compose/escape.js';
import { escapeHtml, markdownToHtml } from '../render/markdown.js';
import { formatUtc, parseUtc } from '../spec/period.js';
import type { ReportSummary } from './reportData.js';

export interface Envelope {
  from: string;
  to: string[];
  cc: string[];
  subject: string;
}

export interface SmtpSettings {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  user: string | null;
  password: string | null;
}

/** A single address (`Name <a@b.org>` or `a@b.org`), or a clear error naming the one that does not parse. */
export function parseAddress(input: string, field: string): string {
  const parsed = /[\r\n]/.test(input) ? [] : addressparser(input, { flatten: true });
  const only = parsed.length === 1 ? parsed[0] : undefined;
  if (!only?.address || !/^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+\.[^\s@<>()",;:\\.]+$/.test(only.address)) {
    throw new SitrepError({ code: 'MailInvalid', message: `${field}: \`${input.replace(/[\r\n]/g, '\\n')}\` is not one email address` });
  }
  return only.name ? `${oneLine(only.name)} <${only.address}>` : only.address;
}

/** Titles and spec fields go into headers: never a line break, whatever the input. */
const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029\t]+/g, ' ').trim();

/** Sender and recipients: the command line's, else the spec's, else the environment's; each must parse. */
export function recipientsFor(
  given: { to?: string[]; cc?: string[]; from?: string },
  config: SpecMail | null,
  env: Record<string, string | undefined>,
): Omit<Envelope, 'subject'> {
  const to = (given.to?.length ? given.to : (config?.to ?? [])).map((a) => parseAddress(a, 'to'));
  if (to.length === 0) throw new SitrepError({ code: 'MailInvalid', message: 'no recipient: give --to, or `mail: to:` in the spec' });
  const cc = (given.cc?.length ? given.cc : (config?.cc ?? [])).map((a) => parseAddress(a, 'cc'));
  const fromInput = given.from ?? config?.from ?? env.SITREP_MAIL_FROM;
  if (!fromInput) throw new SitrepError({ code: 'MailInvalid', message: 'no sender: set `mail: from:` in the spec or SITREP_MAIL_FROM' });
  return { from: parseAddress(fromInput, 'from'), to, cc };
}

export function envelopeFor(
  summary: ReportSummary,
  given: { to?: string[]; cc?: string[]; subject?: string; from?: string },
  config: SpecMail | null,
  env: Record<string, string | undefined>,
): Envelope {
  const subject = oneLine(given.subject ?? config?.subject ?? defaultSubject(summary)).slice(0, 300);
  return { ...recipientsFor(given, config, env), subject };
}

function defaultSubject(summary: ReportSummary): string {
  return [summary.reportNumber, summary.title, `(${periodText(summary)})`].filter(Boolean).join(' ');
}

function periodText(summary: ReportSummary): string {
  const day = (d: string) => formatUtc(parseUtc(d)!, 'd MMM yyyy');
  return `${summary.period.week ? `week ${summary.period.week}, ` : ''}${day(summary.period.from)} to ${day(summary.period.to)}`;
}

/** The body, line by line; `as` says how text is written (plain, or Markdown with every value escaped). */
function bodyLines(summary: ReportSummary, fileName: string, as: { text: (s: string) => string; strong: (s: string) => string; lineBreak: string }): string[] {
  return [
    as.strong(as.text(summary.title)),
    '',
    `${summary.reportNumber ? `Report ${as.text(summary.reportNumber)}, ` : ''}as of ${as.text(formatUtc(parseUtc(summary.asOf)!, "d MMM yyyy, HH:mm 'UTC'"))}${as.lineBreak}`,
    `Period: ${as.text(periodText(summary))}`,
    '',
    as.strong(as.text(summary.keyHeading)),
    '',
    ...(summary.keyDevelopments.length ? summary.keyDevelopments.map((line) => `- ${as.text(line)}`) : ['No events reported in this period.']),
    '',
    `The full report, with a source for every statement, is attached: ${as.text(fileName)}.`,
  ];
}

const plain = { text: (s: string) => s, strong: (s: string) => s, lineBreak: '' };
// Corpus text prints as itself in the HTML part too: every value is escaped for Markdown.
const markdownText = { text: escapeMarkdown, strong: (s: string) => `**${s}**`, lineBreak: '  ' };

/** A clean attachment name: letters, digits, dot, dash and underscore. */
export function attachmentName(file: string): string {
  const name = path.basename(file).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return name.toLowerCase().endsWith('.pdf') ? name : `${name || 'report'}.pdf`;
}

export function messageFor(envelope: Envelope, summary: ReportSummary, pdf: { file: string; bytes: Uint8Array }): SendMailOptions {
  const name = attachmentName(pdf.file);
  return {
    from: envelope.from,
    to: envelope.to,
    cc: envelope.cc.length ? envelope.cc : undefined,
    subject: envelope.subject,
    text: `${bodyLines(summary, name, plain).join('\n')}\n`,
    html: `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(envelope.subject)}</title></head>\n<body>\n${markdownToHtml(bodyLines(summary, name, markdownText).join('\n'))}</body></html>\n`,
    attachments: [{ filename: name, content: Buffer.from(pdf.bytes), contentType: 'application/pdf' }],
    // Fixed headers that nodemailer would otherwise make up from the clock and the host name.
    date: parseUtc(summary.asOf)!,
  };
}

/** The message as RFC 5322 bytes (an .eml file). */
export async function messageBytes(message: SendMailOptions): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'crlf' });
  const info = await transport.sendMail(message);
  return info.message as Buffer;
}

/** Host and security from the spec, or SITREP_SMTP_HOST/PORT/SECURITY; user and password from the environment only. */
export function smtpSettings(config: SpecMail | null, env: Record<string, string | undefined>): SmtpSettings {
  const host = config?.smtp?.host ?? env.SITREP_SMTP_HOST;
  if (!host) throw new SitrepError({ code: 'MailInvalid', message: 'no SMTP server: set `mail: smtp: host:` in the spec or SITREP_SMTP_HOST' });
  const security = config?.smtp?.security ?? env.SITREP_SMTP_SECURITY ?? 'starttls';
  if (security !== 'tls' && security !== 'starttls' && security !== 'none') {
    throw new SitrepError({ code: 'MailInvalid', message: `SITREP_SMTP_SECURITY is \`${security}\`; expected tls, starttls or none` });
  }
  const portText = config?.smtp?.port ?? env.SITREP_SMTP_PORT;
  const port = portText === undefined ? { tls: 465, starttls: 587, none: 25 }[security] : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new SitrepError({ code: 'MailInvalid', message: `SMTP port \`${portText}\` is not a port number` });
  return { host, port, security, user: env.SITREP_SMTP_USER ?? null, password: env.SITREP_SMTP_PASSWORD ?? null };
}

/** Sends over SMTP; any failure becomes one MailFailed error that says what failed. Returns the message id. */
export async function sendMessage(message: SendMailOptions, smtp: SmtpSettings): Promise<string> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail(message);
    return info.messageId;
  } catch (error) {
    const reason = (error as Error).message;
    throw new SitrepError({ code: 'MailFailed', message: `sending through ${smtp.host}:${smtp.port} failed: ${reason}` }, { cause: error });
  } finally {
    transport.close();
  }
}
