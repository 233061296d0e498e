// Where sitrep's own files are: built-in templates and data, next to the package.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the nearest folder above this module with a package.json (src/, dist/ or dist/bundle/). */
export const packageRoot = (function rootAbove(dir: string): string {
  return existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir ? dir : rootAbove(path.dirname(dir));
})(path.dirname(fileURLToPath(import.meta.url)));
export const builtinTemplates = path.join(packageRoot, 'templates');
export const builtinData = path.join(packageRoot, 'data');

/** A worker thread's script: next to this module, in dist/ as in dist/bundle/ (workers run compiled code only). */
export const workerScript = (name: 'extractWorker' | 'weeklyWorker') => new URL(`./${name}.js`, import.meta.url);
