// Where sitrep's own files are: built-in templates and data, next to the package.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (this file is src/paths.ts or dist/paths.js). */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const builtinTemplates = path.join(packageRoot, 'templates');
export const builtinData = path.join(packageRoot, 'data');
