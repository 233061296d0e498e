// Spec text -> Spec: YAML with positions, schema, then the checks that need more than one field.
import path from 'node:path';
import { SitrepError, type Diagnostic } from '../errors.js';
import type { Period, Spec } from '../types.js';
import { locate, parseYaml } from '../util/yaml.js';
import { validate } from '../util/validate.js';
import { isoWeekPeriod, parseUtc } from './period.js';
import { specSchema, type RawSpec } from './schema.js';

/** `file` is the spec's absolute path; relative paths in the spec are resolved against its folder. */
export function parseSpec(text: string, file: string): Spec {
  const { source, data } = parseYaml(text, file, 'SpecSyntax');
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new SitrepError({ code: 'SpecInvalid', message: 'a spec is a YAML mapping (title:, period:, sections: ...)', file, line: 1, column: 1 });
  }
  refuseCredentials(data as Record<string, unknown>, source, file);
  const raw = validate(specSchema, data, source, 'SpecInvalid');
  const problems: Diagnostic[] = [];
  const problem = (where: PropertyKey[], message: string) =>
    problems.push({ code: 'SpecInvalid', message, file, ...locate(source, where) });

  const period = resolvePeriod(raw, problem);
  checkDates(raw, problem);
  if (raw.weekly?.first && !isoWeekPeriod(raw.weekly.first)) problem(['weekly', 'first'], `\`${raw.weekly.first}\` is not a week of that year`);
  raw.sections.forEach((section, i) => {
    if (section.kind === 'text' && !section.text) problem(['sections', i, 'kind'], 'a `text` section needs `text:`');
    if (section.from && section.to && section.from > section.to) problem(['sections', i, 'from'], '`from` is after `to`');
  });
  const asOf = raw.asOf ? parseUtc(raw.asOf) : period ? parseUtc(`${period.to}T23:59:00Z`) : null;
  if (problems.length > 0 || !period || !asOf) throw new SitrepError(problems);

  return {
    name: path.basename(file).replace(/\.ya?ml$/i, ''),
    file,
    title: raw.title,
    subtitle: raw.subtitle ?? null,
    reportNumber: raw.reportNumber === undefined ? null : String(raw.reportNumber),
    classification: raw.classification,
    asOf: asOf.toISOString(),
    period,
    corpus: path.resolve(path.dirname(file), raw.corpus),
    template: raw.template,
    language: raw.language,
    sections: raw.sections,
    sourcesPerItem: raw.sourcesPerItem,
    weekly: { first: raw.weekly?.first ?? null, number: raw.weekly?.number ?? 'W{n}', weekStartsOn: raw.weekly?.weekStartsOn ?? 'monday' },
    mail: raw.mail
      ? {
          from: raw.mail.from ?? null,
          to: raw.mail.to ?? [],
          cc: raw.mail.cc ?? [],
          subject: raw.mail.subject ?? null,
          smtp: raw.mail.smtp ? { host: raw.mail.smtp.host, port: raw.mail.smtp.port ?? null, security: raw.mail.smtp.security } : null,
        }
      : null,
  };
}

/** A spec is shared and committed: SMTP user names and passwords belong in the environment, and are refused here. */
function refuseCredentials(data: Record<string, unknown>, source: Parameters<typeof locate>[0], file: string): void {
  const mail = data.mail as Record<string, unknown> | undefined;
  const smtp = mail && typeof mail === 'object' ? (mail.smtp as Record<string, unknown> | undefined) : undefined;
  const keys = ['user', 'username', 'pass', 'password'];
  for (const [where, value] of [[['mail'], mail], [['mail', 'smtp'], smtp]] as const) {
    if (!value || typeof value !== 'object') continue;
    const key = keys.find((k) => k in value);
    if (key) {
      throw new SitrepError({
        code: 'SpecInvalid',
        message: `\`${key}:\` does not belong in a spec file`,
        file,
        ...locate(source, [...where, key]),
        hint: 'Set SITREP_SMTP_USER and SITREP_SMTP_PASSWORD in the environment instead, and remove the line.',
      });
    }
  }
}

/** Where `corpus:` is written in the spec, for errors about the corpus folder. */
export function corpusOrigin(text: string, file: string): { file: string; line?: number; column?: number } {
  const { source } = parseYaml(text, file, 'SpecSyntax');
  return { file, ...locate(source, ['corpus']) };
}

function resolvePeriod(raw: RawSpec, problem: (where: PropertyKey[], message: string) => void): Period | null {
  if (typeof raw.period === 'string') {
    const period = isoWeekPeriod(raw.period);
    if (!period) problem(['period'], `\`${raw.period}\` is not a week of that year`);
    return period;
  }
  const { from, to } = raw.period;
  if (from > to) problem(['period', 'from'], `the period starts (${from}) after it ends (${to})`);
  return { from, to, week: null };
}

/** Dates that match the pattern but do not exist (2023-02-30). */
function checkDates(raw: RawSpec, problem: (where: PropertyKey[], message: string) => void): void {
  const check = (value: string | undefined, where: PropertyKey[]) => {
    if (value !== undefined && parseUtc(value) === null) problem(where, `\`${value}\` is not a real date`);
  };
  if (typeof raw.period === 'object') {
    check(raw.period.from, ['period', 'from']);
    check(raw.period.to, ['period', 'to']);
  }
  check(raw.asOf, ['asOf']);
  raw.sections.forEach((section, i) => {
    check(section.from, ['sections', i, 'from']);
    check(section.to, ['sections', i, 'to']);
  });
}
