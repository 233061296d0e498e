// Temporary project folders (spec + corpus) built from the test's own text.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
/** The command as `npm ci` builds it (bundled): what users run, and the only build that starts worker threads. */
export const builtCli = path.join(projectRoot, 'dist', 'bundle', 'sitrep.js');
export const sampleSpec = path.join(projectRoot, 'briefings', 'iraq-militias.yaml');

const created: string[] = [];
// Registered when a test file imports this helper: hooks added from inside a running test would be ignored.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder, removed when the test file ends. `files` maps relative paths to contents. */
export function workspace(files: Record<string, string | Uint8Array> = {}, options: { withSampleCorpus?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-test-'));
  created.push(dir);
  if (options.withSampleCorpus) cpSync(path.join(projectRoot, 'corpus'), path.join(dir, 'corpus'), { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** A minimal valid spec, with overrides spliced in as YAML text. */
export function specYaml(extra = ''): string {
  return `title: Test report
classification: UNCLASSIFIED
period: { from: 2020-01-01, to: 2030-12-31 }
asOf: 2024-01-31T18:00:00Z
corpus: corpus
sections:
  - heading: Statements
    kind: quotes
${extra}`;
}

/**
 * The sample report built by the bundled command in another process, with this cache folder: what it wrote on
 * standard error, and the PDF.
 */
export function sampleBuiltElsewhere(cacheDir: string): { stderr: string; pdf: Buffer } {
  const out = workspace();
  const child = spawnSync(process.execPath, [builtCli, 'build', sampleSpec, '--out', out], { encoding: 'utf8', env: { ...process.env, SITREP_CACHE_DIR: cacheDir } });
  const [pdf] = readdirSync(out).filter((f) => f.endsWith('.pdf'));
  return { stderr: child.stderr, pdf: pdf ? readFileSync(path.join(out, pdf)) : Buffer.alloc(0) };
}
