// The shape of a briefing spec (briefings/*.yaml), with defaults. Paths and periods are resolved in load.ts.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD (e.g. 2023-11-22)');
const isoWeek = z.string().regex(/^\d{4}-W\d{2}$/, 'expected an ISO week as YYYY-Www (e.g. 2023-W47)');
const isoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$/, 'expected a date or a date-time such as 2023-11-24T12:00Z');
const names = z.array(z.string().min(1)).max(1000);

export const sectionSchema = z.strictObject({
  heading: z.string().min(1).max(200),
  kind: z.enum(['events', 'changes', 'chronology', 'map', 'quotes', 'figures', 'text']),
  text: z.string().max(100_000).optional(),
  actors: names.optional(),
  places: names.optional(),
  types: names.optional(),
  keywords: names.optional(),
  sources: names.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.number().int().positive().max(10_000).optional(),
  sort: z.enum(['date', '-date', 'document', 'significance']).optional(),
});

const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** How `sitrep weekly` names and numbers the reports of a spec. */
export const weeklySchema = z.strictObject({
  /** The week of report number 1; later weeks count on from it. */
  first: isoWeek.optional(),
  /** The report number: `{n}` is the sequence number, `{week}` the week (2023-W47). */
  number: z.string().min(1).max(60).default('W{n}'),
  weekStartsOn: weekday.default('monday'),
});

/** Who a report goes to, and through which server. Credentials come from the environment only. */
export const mailSchema = z.strictObject({
  from: z.string().min(1).max(300).optional(),
  to: z.array(z.string().min(1).max(300)).max(500).optional(),
  cc: z.array(z.string().min(1).max(300)).max(500).optional(),
  subject: z.string().min(1).max(300).optional(),
  smtp: z
    .strictObject({
      host: z.string().min(1).max(255),
      port: z.number().int().min(1).max(65_535).optional(),
      /** `tls` from the start (port 465), `starttls` upgrade required (587), `none` for a local relay. */
      security: z.enum(['tls', 'starttls', 'none']).default('starttls'),
    })
    .optional(),
});

export const specSchema = z.strictObject({
  title: z.string().min(1).max(300),
  subtitle: z.string().max(300).optional(),
  reportNumber: z.union([z.string().max(60), z.number().int().nonnegative()]).optional(),
  classification: z.string().max(200).default('UNCLASSIFIED'),
  asOf: isoDateTime.optional(),
  period: z.union([isoWeek, z.strictObject({ from: isoDate, to: isoDate })]),
  corpus: z.string().min(1).default('../corpus'),
  template: z.string().min(1).default('sitrep'),
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as en or en-GB').default('en'),
  sections: z.array(sectionSchema).min(1).max(100),
  sourcesPerItem: z.number().int().min(1).max(100).default(5),
  weekly: weeklySchema.optional(),
  mail: mailSchema.optional(),
});

export type RawSpec = z.output<typeof specSchema>;

export type WeeklyOptions = z.output<typeof weeklySchema>;
export type MailOptions = z.output<typeof mailSchema>;
