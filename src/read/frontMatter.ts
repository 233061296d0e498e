// YAML front matter (`---` ... `---` at the top of an article): metadata that overrides the manifest.
import jsYaml from 'js-yaml';
import { parseYaml } from '../util/yaml.js';
import { validate } from '../util/validate.js';
import { documentMetadataSchema, type DocumentMetadata } from './metadataSchema.js';

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;

export interface SplitArticle {
  metadata: DocumentMetadata | null;
  body: string;
}

export function splitFrontMatter(text: string, file: string): SplitArticle {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { metadata: null, body: text };
  // Blank lines keep the body's line numbers true to the file.
  const body = '\n'.repeat(match[0].split('\n').length - 1) + text.slice(match[0].length);
  return { metadata: quickly(match[1]!) ?? thoroughly(match[1]!, file), body };
}

/**
 * Every article has front matter: js-yaml reads a few lines ten times faster than the parser that keeps source
 * positions. Anything it rejects, or that fails the schema, is read again by that parser, for a message that names
 * the line.
 */
function quickly(yaml: string): DocumentMetadata | null {
  // Anchors and aliases go to the parser that bounds their expansion.
  if (/[&*]/.test(yaml)) return null;
  try {
    const parsed = documentMetadataSchema.safeParse(jsYaml.load(yaml, { schema: jsYaml.CORE_SCHEMA }) ?? {});
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function thoroughly(yaml: string, file: string): DocumentMetadata {
  const { source, data } = parseYaml(yaml, file, 'ManifestInvalid', 1);
  return validate(documentMetadataSchema, data ?? {}, source, 'ManifestInvalid');
}
