// Bundles the compiled command (dist/) into dist/bundle/: a fresh process then loads a few files instead of some
// hundreds of modules (about a fifth of a sample build's time). pdfmake (with pdfkit and fontkit) stays as Node
// loads it: sitrep patches its classes by their CommonJS paths. pdfjs-dist and yaml load only when needed.
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { extractorFingerprint } from '../dist/cache/entries.js';

const outdir = 'dist/bundle';
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { sitrep: 'dist/cli/main.js', extractWorker: 'dist/extractWorker.js', weeklyWorker: 'dist/weeklyWorker.js' },
  outdir,
  // Every file at the folder's top, as dist/ has its entry points and workers: paths.js finds workers next to it.
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['pdfmake', 'pdfjs-dist', 'yaml'],
  // The extraction cache's keys name the rules' source (dist/extract/), which the bundle does not ship.
  define: { SITREP_EXTRACTOR_FINGERPRINT: JSON.stringify(extractorFingerprint()) },
  // CommonJS dependencies bundled into ES modules still call require() for Node's own modules.
  banner: { js: "import { createRequire as __sitrepRequire } from 'node:module'; const require = __sitrepRequire(import.meta.url);" },
  logLevel: 'warning',
});
