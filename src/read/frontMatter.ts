// YAML front matter (`---` ... `---` at the top of an article): metadata that overrides the manifest.
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
  const { source, data } = parseYaml(match[1]!, file, 'ManifestInvalid', 1);
  // Blank lines keep the body's line numbers true to the file.
  const body = '\n'.repeat(match[0].split('\n').length - 1) + text.slice(match[0].length);
  return { metadata: validate(documentMetadataSchema, data ?? {}, source, 'ManifestInvalid'), body };
}
