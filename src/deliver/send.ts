// A written report -> an email: to an .eml file, or through SMTP. The report's own attached data gives the body.
import { SitrepError } from '../errors.js';
import type { SpecMail } from '../types.js';
import { envelopeFor, messageBytes, messageFor, recipientsFor, sendMessage, smtpSettings, type Envelope } from './mail.js';
import { readReportData, summarize } from './reportData.js';
import { writeAtomic } from './write.js';

export interface MailRequest {
  to?: string[];
  cc?: string[];
  from?: string;
  subject?: string;
  /** Write the message to this file... */
  eml?: string;
  /** ...or send it. */
  send?: boolean;
}

export interface MailOutcome {
  envelope: Envelope;
  eml: string | null;
  messageId: string | null;
}

/** Mail servers commonly refuse messages over 10-25 MB; base64 makes the attachment a third larger. */
export const LARGE_PDF = 10 * 1024 * 1024;

/** Checks what can be checked before any report is built: the addresses, and the server when sending. */
export function checkMailSettings(request: MailRequest, config: SpecMail | null, env: Record<string, string | undefined>): void {
  if (!request.eml && !request.send) throw new SitrepError({ code: 'UsageInvalid', message: 'say where the message goes: --eml FILE or --send' });
  if (request.eml && request.send) throw new SitrepError({ code: 'UsageInvalid', message: 'give --eml FILE or --send, not both' });
  recipientsFor(request, config, env);
  if (request.send) smtpSettings(config, env);
}

export async function mailReport(
  pdf: { file: string; bytes: Uint8Array },
  request: MailRequest,
  config: SpecMail | null,
  env: Record<string, string | undefined>,
  warn: (message: string) => void,
): Promise<MailOutcome> {
  checkMailSettings(request, config, env);
  if (pdf.bytes.length > LARGE_PDF) {
    warn(`${pdf.file} is ${(pdf.bytes.length / 1024 / 1024).toFixed(1)} MB; many mail servers refuse attachments this large`);
  }
  const summary = summarize(await readReportData(pdf.bytes, pdf.file));
  const envelope = envelopeFor(summary, request, config, env);
  const message = messageFor(envelope, summary, pdf);
  if (request.eml) {
    await writeAtomic(request.eml, await messageBytes(message));
    return { envelope, eml: request.eml, messageId: null };
  }
  const messageId = await sendMessage(message, smtpSettings(config, env));
  return { envelope, eml: null, messageId };
}
