// A template's look, from its theme.yaml: page, fonts, colours, logo, heading and footnote styles. A template that
// extends another takes its theme and changes only what it names. Paths (fonts, logo) are relative to the theme file.
import path from 'node:path';
import { z } from 'zod';
import { SitrepError } from '../errors.js';
import { parseYaml } from '../util/yaml.js';
import { validate } from '../util/validate.js';

const colour = z.string().regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, 'expected a colour as #rrggbb (e.g. #243b53)');
const points = (min: number, max: number) => z.number().min(min, `at least ${min} points`).max(max, `at most ${max} points`);
const headingStyle = z.strictObject({ fontSize: points(8, 36).optional(), color: colour.optional(), bold: z.boolean().optional(), italics: z.boolean().optional() });
const fontFile = z.string().min(1).max(500).regex(/\.(?:ttf|otf)$/i, 'expected a .ttf or .otf font file');

/** Every key optional: a theme says only what it changes. */
export const themeSchema = z.strictObject({
  page: z
    .strictObject({
      size: z.enum(['A4', 'A5', 'Letter', 'Legal']).optional(),
      orientation: z.enum(['portrait', 'landscape']).optional(),
      /** Left, top, right, bottom, in points (72 to the inch), or one number for all four. */
      margins: z.union([points(20, 144), z.tuple([points(20, 144), points(40, 144), points(20, 144), points(40, 144)])]).optional(),
    })
    .optional(),
  fonts: z
    .strictObject({
      /** A bundled font (Roboto) or one of `files`. */
      body: z.string().min(1).max(60).optional(),
      /** Extra fonts by name: their four faces as files, relative to this theme. */
      files: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9 -]{0,40}$/, 'a font name: letters, digits, spaces'), z.strictObject({ normal: fontFile, bold: fontFile.optional(), italics: fontFile.optional(), bolditalics: fontFile.optional() })).optional(),
      /** Body text size; footnotes and superscript marks are read back by size, so the range is bounded. */
      size: points(9, 11).optional(),
    })
    .optional(),
  colors: z.strictObject({ ink: colour.optional(), muted: colour.optional(), accent: colour.optional(), banner: colour.optional(), rule: colour.optional() }).optional(),
  logo: z.strictObject({ image: z.string().min(1).max(500).regex(/\.(?:png|jpe?g)$/i, 'expected a .png or .jpg image'), width: points(12, 300).optional() }).optional(),
  headings: z.strictObject({ h1: headingStyle.optional(), h2: headingStyle.optional(), h3: headingStyle.optional() }).optional(),
  footnotes: z.strictObject({ size: points(7.5, 8.5).optional(), color: colour.optional() }).optional(),
});

type ThemeInput = z.output<typeof themeSchema>;

/** A theme with every value decided: what the renderer uses. */
export interface Theme {
  page: { size: 'A4' | 'A5' | 'Letter' | 'Legal'; orientation: 'portrait' | 'landscape'; width: number; height: number; margins: [number, number, number, number] };
  fonts: { body: string; size: number; files: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }> };
  colors: { ink: string; muted: string; accent: string; banner: string; rule: string };
  logo: { image: string; width: number } | null;
  headings: Record<'h1' | 'h2' | 'h3', { fontSize: number; color: string; bold: boolean; italics: boolean }>;
  footnotes: { size: number; color: string };
}

const SIZES = { A4: [595.28, 841.89], A5: [419.53, 595.28], Letter: [612, 792], Legal: [612, 1008] } as const;

export const defaultTheme: Theme = resolveTheme([]);

/** A theme file's text -> validated settings with absolute paths; errors name the file, line and column. */
export function parseTheme(text: string, file: string): ThemeInput {
  const { source, data } = parseYaml(text, file, 'TemplateInvalid');
  if (data === null || data === undefined) return {};
  const theme = validate(themeSchema, data, source, 'TemplateInvalid');
  const dir = path.dirname(file);
  const absolute = (p: string) => path.resolve(dir, p);
  if (theme.logo) theme.logo.image = absolute(theme.logo.image);
  for (const faces of Object.values(theme.fonts?.files ?? {})) for (const key of Object.keys(faces) as (keyof typeof faces)[]) faces[key] = absolute(faces[key]!);
  return theme;
}

/** Themes from the base template to the most derived one; later ones win key by key. */
export function resolveTheme(layers: ThemeInput[], where = 'theme.yaml'): Theme {
  const pick = <T>(get: (t: ThemeInput) => T | undefined, fallback: T): T => layers.reduce<T>((value, t) => get(t) ?? value, fallback);
  const size = pick((t) => t.page?.size, 'A4');
  const orientation = pick((t) => t.page?.orientation, 'portrait');
  const [w, h] = SIZES[size];
  const margins = pick((t) => t.page?.margins, [56, 62, 56, 62] as number | [number, number, number, number]);
  const files: Theme['fonts']['files'] = {};
  for (const layer of layers) {
    for (const [name, faces] of Object.entries(layer.fonts?.files ?? {})) {
      files[name] = { normal: faces.normal, bold: faces.bold ?? faces.normal, italics: faces.italics ?? faces.normal, bolditalics: faces.bolditalics ?? faces.bold ?? faces.normal };
    }
  }
  const body = pick((t) => t.fonts?.body, 'Roboto');
  if (body !== 'Roboto' && !files[body]) {
    throw new SitrepError({ code: 'TemplateInvalid', message: `font \`${body}\` is neither bundled (Roboto) nor listed under fonts: files:`, file: where });
  }
  const colors = {
    ink: pick((t) => t.colors?.ink, '#1f2933'),
    muted: pick((t) => t.colors?.muted, '#52606d'),
    accent: pick((t) => t.colors?.accent, '#243b53'),
    banner: pick((t) => t.colors?.banner, '#9b1c1c'),
    rule: pick((t) => t.colors?.rule, '#9aa5b1'),
  };
  const heading = (level: 'h1' | 'h2' | 'h3', fontSize: number) => ({
    fontSize: pick((t) => t.headings?.[level]?.fontSize, fontSize),
    color: pick((t) => t.headings?.[level]?.color, colors.accent),
    bold: pick((t) => t.headings?.[level]?.bold, true),
    italics: pick((t) => t.headings?.[level]?.italics, false),
  });
  const logo = pick((t) => t.logo, undefined as ThemeInput['logo']);
  return {
    page: {
      size,
      orientation,
      width: orientation === 'portrait' ? w : h,
      height: orientation === 'portrait' ? h : w,
      margins: typeof margins === 'number' ? [margins, margins, margins, margins] : margins,
    },
    fonts: { body, size: pick((t) => t.fonts?.size, 10), files },
    colors,
    logo: logo ? { image: logo.image, width: logo.width ?? 90 } : null,
    headings: { h1: heading('h1', 20), h2: heading('h2', 13), h3: heading('h3', 11) },
    footnotes: { size: pick((t) => t.footnotes?.size, 8), color: pick((t) => t.footnotes?.color, colors.muted) },
  };
}

/** The width text runs across. */
export const contentWidth = (theme: Theme) => theme.page.width - theme.page.margins[0] - theme.page.margins[2];
