// Schema validation (zod) whose errors point into the YAML source.
import type { z } from 'zod';
import { SitrepError, type Diagnostic } from '../errors.js';
import { locate, type YamlSource } from './yaml.js';

export function validate<T extends z.ZodType>(
  schema: T,
  data: unknown,
  source: YamlSource,
  code: Diagnostic['code'],
): z.output<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new SitrepError(result.error.issues.flatMap((issue) => toDiagnostics(issue, source, code, schema)));
}

function toDiagnostics(issue: z.core.$ZodIssue, source: YamlSource, code: Diagnostic['code'], schema: z.ZodType): Diagnostic[] {
  const path = issue.path;
  const where = path.length > 0 ? `\`${path.join('.')}\`` : 'the document';
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schema, path);
    return issue.keys.map((key) => {
      const suggestion = closest(key, known);
      return {
        code,
        message: `unknown key \`${key}\`${path.length ? ` in ${where}` : ''}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
        file: source.file,
        ...locate(source, [...path, key], true),
        hint: known.length ? `Allowed keys here: ${known.join(', ')}.` : undefined,
      };
    });
  }
  return [{ code, message: `${where}: ${issue.message}`, file: source.file, ...locate(source, path) }];
}

/** Keys of the object schema found by following `path` (array items and unions are looked through). */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: unknown = schema;
  for (const key of path) node = child(node, key);
  const shape = objectShape(node);
  return shape ? Object.keys(shape) : [];
}

function child(node: unknown, key: PropertyKey): unknown {
  const def = (node as { def?: Record<string, unknown> })?.def;
  if (!def) return undefined;
  if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'pipe')
    return child(def.innerType ?? def.in, key);
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  if (def.type === 'union') return (def.options as unknown[]).map((o) => child(o, key)).find((c) => c !== undefined);
  return objectShape(node)?.[key as string];
}

function objectShape(node: unknown): Record<string, unknown> | undefined {
  const def = (node as { def?: Record<string, unknown> })?.def;
  if (!def) return undefined;
  if (def.type === 'object') return def.shape as Record<string, unknown>;
  if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'pipe')
    return objectShape(def.innerType ?? def.in);
  if (def.type === 'union') return (def.options as unknown[]).map(objectShape).find((s) => s !== undefined);
  return undefined;
}

/** The known word nearest to `word` by edit distance, if it is a plausible typo. */
export function closest(word: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of known) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
