// corpus/sources.yaml: what the analyst knows about each file, keyed by its path in the corpus.
import { parseYaml } from '../util/yaml.js';
import { validate } from '../util/validate.js';
import { manifestSchema, type DocumentMetadata } from './metadataSchema.js';

export const MANIFEST_FILE = 'sources.yaml';

export type Manifest = Map<string, DocumentMetadata>;

/** Keys may be given with or without the file extension; both find the entry. */
export function parseManifest(text: string, file: string): Manifest {
  const { source, data } = parseYaml(text, file, 'ManifestInvalid');
  const entries = validate(manifestSchema, data ?? {}, source, 'ManifestInvalid');
  const manifest: Manifest = new Map();
  for (const [key, value] of Object.entries(entries)) manifest.set(key.replace(/\\/g, '/'), value ?? {});
  return manifest;
}

export function manifestEntry(manifest: Manifest, file: string, id: string): DocumentMetadata {
  return manifest.get(file) ?? manifest.get(id) ?? {};
}
