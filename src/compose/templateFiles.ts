// A template folder on disk -> its sources: report.md.hbs, partials/*.md.hbs, theme.yaml, and template.yaml, which
// may say `extends: sitrep`: the folder then holds only what it changes, and takes the rest from that template.
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SitrepError } from '../errors.js';
import { parseYaml } from '../util/yaml.js';
import { validate } from '../util/validate.js';
import { parseTheme } from '../render/theme.js';
import { compareText } from '../util/compare.js';

export interface TemplateSource {
  name: string;
  file: string;
  text: string;
}

export interface TemplateSources {
  name: string;
  dir: string;
  description: string | null;
  /** This template's folder and those it extends, most derived first: where its images and fonts may come from. */
  dirs: string[];
  main: TemplateSource;
  partials: TemplateSource[];
  /** Theme layers, base first. */
  themes: ReturnType<typeof parseTheme>[];
  themeFile: string | null;
}

export const MAIN = 'report.md.hbs';
const MANIFEST = 'template.yaml';
const THEME = 'theme.yaml';
const PARTIAL = /\.md\.hbs$/;
const MAX_DEPTH = 8;

const manifestSchema = z.strictObject({
  description: z.string().max(500).optional(),
  /** A built-in template's name, or a path relative to this folder. */
  extends: z.string().min(1).max(300).optional(),
});

const isFile = async (file: string) => (await stat(file).catch(() => null))?.isFile() ?? false;
const isTemplate = async (dir: string) => (await isFile(path.join(dir, MAIN))) || (await isFile(path.join(dir, MANIFEST)));

/** A template named in a spec: a folder of `templatesRoot`, or a path relative to `baseDir` (the spec's folder). */
export async function resolveTemplateDir(name: string, templatesRoot: string, baseDir: string): Promise<string> {
  const candidates = /[\\/]/.test(name) || name.startsWith('.') ? [path.resolve(baseDir, name)] : [path.join(templatesRoot, name), path.resolve(baseDir, name)];
  for (const dir of candidates) if (await isTemplate(dir)) return dir;
  const known = await listTemplateNames(templatesRoot);
  throw new SitrepError({
    code: 'TemplateNotFound',
    message: `template \`${name}\` not found (looked for ${candidates.map((c) => path.join(c, MAIN)).join(', ')})`,
    hint: known.length ? `Built-in templates: ${known.join(', ')}. \`sitrep templates list\` shows them.` : undefined,
  });
}

export async function listTemplateNames(root: string): Promise<string[]> {
  const entries = await readdir(root).catch(() => [] as string[]);
  const names: string[] = [];
  for (const entry of entries.sort()) if (await isTemplate(path.join(root, entry))) names.push(entry);
  return names;
}

/** Reads a template and those it extends; a partial or the main file of a derived template replaces the base's. */
export async function readTemplate(dir: string, templatesRoot: string, chain: string[] = []): Promise<TemplateSources> {
  if (chain.includes(dir) || chain.length >= MAX_DEPTH) {
    throw new SitrepError({ code: 'TemplateInvalid', message: `templates extend each other in a loop: ${[...chain, dir].join(' -> ')}`, file: path.join(dir, MANIFEST) });
  }
  const manifest = await readManifest(dir);
  const base = manifest.extends ? await readTemplate(await resolveTemplateDir(manifest.extends, templatesRoot, dir), templatesRoot, [...chain, dir]) : null;
  const read = async (file: string, name: string): Promise<TemplateSource> => ({ name, file, text: await readFile(file, 'utf8') });
  const partialsDir = path.join(dir, 'partials');
  const partialFiles = (await readdir(partialsDir).catch(() => [] as string[])).filter((f) => PARTIAL.test(f)).sort();
  const own = await Promise.all(partialFiles.map((f) => read(path.join(partialsDir, f), f.replace(PARTIAL, ''))));
  const partials = new Map((base?.partials ?? []).map((p) => [p.name, p]));
  for (const partial of own) partials.set(partial.name, partial);
  const main = (await isFile(path.join(dir, MAIN))) ? await read(path.join(dir, MAIN), 'report') : base?.main;
  if (!main) {
    throw new SitrepError({ code: 'TemplateInvalid', message: `a template needs ${MAIN}, or \`extends:\` in ${MANIFEST}`, file: path.join(dir, MANIFEST) });
  }
  const themeFile = path.join(dir, THEME);
  const theme = (await isFile(themeFile)) ? parseTheme(await readFile(themeFile, 'utf8'), themeFile) : null;
  return {
    name: path.basename(dir),
    dir,
    description: manifest.description ?? base?.description ?? null,
    dirs: [dir, ...(base?.dirs ?? [])],
    main,
    partials: [...partials.values()].sort((a, b) => compareText(a.name, b.name)),
    themes: [...(base?.themes ?? []), ...(theme ? [theme] : [])],
    themeFile: theme ? themeFile : (base?.themeFile ?? null),
  };
}

async function readManifest(dir: string): Promise<z.output<typeof manifestSchema>> {
  const file = path.join(dir, MANIFEST);
  if (!(await isFile(file))) return {};
  const { source, data } = parseYaml(await readFile(file, 'utf8'), file, 'TemplateInvalid');
  if (data === null || data === undefined) return {};
  return validate(manifestSchema, data, source, 'TemplateInvalid');
}

/**
 * A new template folder `dir/name` that extends `from`, with copies of its main file, partials and theme to edit.
 * What the user deletes is inherited again.
 */
export async function initTemplate(name: string, from: string, dir: string, templatesRoot: string): Promise<string> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,60}$/.test(name)) {
    throw new SitrepError({ code: 'UsageInvalid', message: `\`${name}\` is not a template name (letters, digits, - and _)` });
  }
  const target = path.join(dir, name);
  if (await stat(target).catch(() => null)) throw new SitrepError({ code: 'UsageInvalid', message: `${target} already exists`, hint: 'Choose another name, or edit that folder.' });
  const base = await readTemplate(await resolveTemplateDir(from, templatesRoot, process.cwd()), templatesRoot);
  await mkdir(path.join(target, 'partials'), { recursive: true });
  // A built-in base is named; a folder of the user's is referred to by a path from the new folder.
  const extendsName = path.dirname(base.dir) === path.resolve(templatesRoot) ? base.name : path.relative(target, base.dir).split(path.sep).join('/');
  await writeFile(path.join(target, MANIFEST), `description: ${JSON.stringify(`Started from ${base.name}.`)}\nextends: ${extendsName}\n`);
  await cp(base.main.file, path.join(target, MAIN));
  for (const partial of base.partials) await cp(partial.file, path.join(target, 'partials', path.basename(partial.file)));
  if (base.themeFile) await cp(base.themeFile, path.join(target, THEME));
  return target;
}
