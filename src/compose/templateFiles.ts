// A template folder on disk -> its sources: report.md.hbs and partials/*.md.hbs.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SitrepError } from '../errors.js';

export interface TemplateSource {
  name: string;
  file: string;
  text: string;
}

export interface TemplateSources {
  name: string;
  dir: string;
  main: TemplateSource;
  partials: TemplateSource[];
}

const MAIN = 'report.md.hbs';
const PARTIAL = /\.md\.hbs$/;

/** A template named in a spec: a folder of `templatesRoot`, or a path relative to the spec's folder. */
export async function resolveTemplateDir(name: string, templatesRoot: string, specDir: string): Promise<string> {
  const candidates = /[\\/]/.test(name) || name.startsWith('.') ? [path.resolve(specDir, name)] : [path.join(templatesRoot, name), path.resolve(specDir, name)];
  for (const dir of candidates) if ((await stat(path.join(dir, MAIN)).catch(() => null))?.isFile()) return dir;
  const known = await readdir(templatesRoot).catch(() => [] as string[]);
  throw new SitrepError({
    code: 'TemplateNotFound',
    message: `template \`${name}\` not found (looked for ${candidates.map((c) => path.join(c, MAIN)).join(', ')})`,
    hint: known.length ? `Built-in templates: ${known.join(', ')}.` : undefined,
  });
}

export async function readTemplate(dir: string): Promise<TemplateSources> {
  const read = async (file: string, name: string): Promise<TemplateSource> => ({ name, file, text: await readFile(file, 'utf8') });
  const partialsDir = path.join(dir, 'partials');
  const partialFiles = (await readdir(partialsDir).catch(() => [] as string[])).filter((f) => PARTIAL.test(f)).sort();
  return {
    name: path.basename(dir),
    dir,
    main: await read(path.join(dir, MAIN), 'report'),
    partials: await Promise.all(partialFiles.map((f) => read(path.join(partialsDir, f), f.replace(PARTIAL, '')))),
  };
}
