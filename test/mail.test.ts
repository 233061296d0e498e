// `sitrep mail` and `sitrep weekly --mail`: a real SMTP server on loopback receives the message; mailparser reads it.
import { readFileSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitrep } from './helpers/cli.js';
import { projectRoot, workspace } from './helpers/workspace.js';

const weeklySpec = path.join(projectRoot, 'briefings', 'iraq-militias-weekly.yaml');

/** An SMTP server on 127.0.0.1 that keeps every message it accepts, parsed. */
async function startServer() {
  const received: { envelope: string[]; mail: ParsedMail; raw: Buffer }[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        received.push({ envelope: session.envelope.rcptTo.map((r) => r.address), mail: await simpleParser(raw), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let smtp: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  smtp = await startServer();
});
afterAll(async () => smtp.close());

const env = () => ({ SITREP_SMTP_HOST: '127.0.0.1', SITREP_SMTP_PORT: String(smtp.port), SITREP_SMTP_SECURITY: 'none', SITREP_MAIL_FROM: 'Sitrep desk <desk@example.org>' });

describe('sitrep mail', () => {
  const out = workspace();
  let pdfFile: string;
  let pdf: Buffer;

  beforeAll(async () => {
    const built = await sitrep(['weekly', weeklySpec, '--week', '2023-W47', '--out', out]);
    expect(built.code).toBe(0);
    pdfFile = path.join(out, 'iraq-militias-weekly_2023-W47.pdf');
    pdf = readFileSync(pdfFile);
  });

  function expectReportMail(mail: ParsedMail) {
    expect(mail.subject).toBe('SR-W126 Iraq: militia attacks and U.S. strikes, weekly report (week 2023-W47, 20 Nov 2023 to 26 Nov 2023)');
    expect(mail.from?.text).toBe('"Sitrep desk" <desk@example.org>');
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment!.contentType).toBe('application/pdf');
    expect(attachment!.filename).toBe('iraq-militias-weekly_2023-W47.pdf');
    expect(Buffer.compare(attachment!.content, pdf)).toBe(0);
    // The body retells the key developments (the spec's first events section), in text and in HTML.
    expect(mail.text).toContain('Key developments');
    expect(mail.text).toContain('22 Nov 2023, Air/drone strike, Jurf al-Sakhar: United States fighter jets struck two sites in Iraq');
    expect(mail.text).toContain('Period: week 2023-W47, 20 Nov 2023 to 26 Nov 2023');
    expect(mail.html).toContain('<li>22 Nov 2023, Air/drone strike, Jurf al-Sakhar: United States fighter jets struck two sites');
  }

  it('sends the PDF to a real SMTP server, attachment byte for byte, key developments in the body', async () => {
    const before = smtp.received.length;
    const result = await sitrep(['mail', pdfFile, '--to', 'analyst@example.org', 'Duty Officer <duty@example.org>', '--cc', 'chief@example.org', '--send'], { env: env() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^sent <.+> to analyst@example.org, Duty Officer <duty@example.org>, chief@example.org$/);
    const [message] = smtp.received.slice(before);
    expect(message!.envelope).toEqual(['analyst@example.org', 'duty@example.org', 'chief@example.org']);
    expectReportMail(message!.mail);
    expect(message!.mail.cc && !Array.isArray(message!.mail.cc) ? message!.mail.cc.text : '').toBe('chief@example.org');
  });

  it('writes an .eml file that parses the same way', async () => {
    const eml = path.join(out, 'report.eml');
    const result = await sitrep(['mail', pdfFile, '--to', 'analyst@example.org', '--eml', eml], { env: env() });
    expect(result.code).toBe(0);
    expectReportMail(await simpleParser(readFileSync(eml)));
  });

  it('builds from a spec and sends with the spec\'s mail: section; the password stays in the environment', async () => {
    const dir = workspace({}, { withSampleCorpus: true });
    const spec = path.join(dir, 'briefings', 'weekly.yaml');
    mkdirSync(path.dirname(spec));
    const mailSection = `mail:\n  from: desk@example.org\n  to: [team@example.org]\n  smtp: { host: 127.0.0.1, port: ${smtp.port}, security: none }\n`;
    writeFileSync(spec, `${readFileSync(weeklySpec, 'utf8')}${mailSection}`);
    const before = smtp.received.length;
    const result = await sitrep(['mail', spec, '--send', '--out', path.join(dir, 'out')], { env: {} });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [message] = smtp.received.slice(before);
    expect(message!.envelope).toEqual(['team@example.org']);
    const attachment = message!.mail.attachments[0]!;
    expect(Buffer.compare(attachment.content, readFileSync(path.join(dir, 'out', 'weekly_2023-11-26.pdf')))).toBe(0);

    writeFileSync(spec, `${readFileSync(weeklySpec, 'utf8')}${mailSection}  password: hunter2\n`.replace('security: none }', 'security: none, password: hunter2 }'));
    const refused = await sitrep(['mail', spec, '--send'], { env: {} });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('`password:` does not belong in a spec file');
    expect(refused.stderr).toContain('SITREP_SMTP_PASSWORD');
  });

  it('weekly --mail sends each report after it is built', async () => {
    const dir = workspace({}, { withSampleCorpus: true });
    const spec = path.join(dir, 'briefings', 'weekly.yaml');
    mkdirSync(path.dirname(spec));
    writeFileSync(spec, `${readFileSync(weeklySpec, 'utf8')}mail:\n  to: [team@example.org]\n`);
    const before = smtp.received.length;
    const result = await sitrep(['weekly', spec, '--from', '2021-06-28', '--to', '2021-07-11', '--mail', '--out', path.join(dir, 'out')], { env: env() });
    expect(result.code).toBe(0);
    const sent = smtp.received.slice(before).map((m) => m.mail.attachments[0]!.filename);
    expect(sent).toEqual(['weekly_2021-W26.pdf', 'weekly_2021-W27.pdf']);
    expect(smtp.received.at(-1)!.mail.text).toContain('No events reported in this period.');
  });

  it('refuses addresses that do not parse, before building anything', async () => {
    for (const bad of ['not-an-address', 'a@b.org, c@d.org', 'x@y.org\r\nBcc: spy@evil.example']) {
      const result = await sitrep(['mail', pdfFile, '--to', bad, '--send'], { env: env() });
      expect(result.code, bad).toBe(6);
      expect(result.stderr).toContain('is not one email address');
    }
  });

  it('keeps a subject with line breaks on one header line: no header injection', async () => {
    const before = smtp.received.length;
    const result = await sitrep(['mail', pdfFile, '--to', 'analyst@example.org', '--subject', 'Weekly\r\nBcc: spy@evil.example', '--send'], { env: env() });
    expect(result.code).toBe(0);
    const [message] = smtp.received.slice(before);
    expect(message!.envelope).toEqual(['analyst@example.org']);
    expect(message!.mail.subject).toBe('Weekly Bcc: spy@evil.example');
    expect(message!.mail.bcc).toBeUndefined();
    expect(message!.raw.toString('latin1')).not.toMatch(/^Bcc:/im);
  });

  it('an SMTP failure says what failed and leaves the report in place', async () => {
    const closed = await startServer();
    await closed.close();
    const result = await sitrep(['mail', pdfFile, '--to', 'analyst@example.org', '--send'], { env: { ...env(), SITREP_SMTP_PORT: String(closed.port) } });
    expect(result.code).toBe(7);
    expect(result.stderr).toContain(`sending through 127.0.0.1:${closed.port} failed`);
    expect(result.stderr).not.toContain('    at ');
    expect(existsSync(pdfFile)).toBe(true);
  });

  it('says where the message should go, and refuses a file that is not a sitrep report', async () => {
    const neither = await sitrep(['mail', pdfFile, '--to', 'analyst@example.org'], { env: env() });
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--eml FILE or --send');
    const other = path.join(out, 'other.pdf');
    writeFileSync(other, '%PDF-1.4\nnot really\n');
    const notReport = await sitrep(['mail', other, '--to', 'analyst@example.org', '--send'], { env: env() });
    expect(notReport.code).toBe(6);
    expect(notReport.stderr).toContain('other.pdf');
  });
});
