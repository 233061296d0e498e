// The document fields an analyst may set, in the manifest or in an article's front matter.
import { z } from 'zod';

const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'));

export const documentMetadataSchema = z.strictObject({
  title: z.string().optional(),
  outlet: z.string().optional(),
  author: z.string().optional(),
  url: z.string().optional(),
  published: isoDate.optional(),
  reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).optional(),
});

export type DocumentMetadata = z.output<typeof documentMetadataSchema>;

export const manifestSchema = z.record(z.string(), documentMetadataSchema.nullable());
