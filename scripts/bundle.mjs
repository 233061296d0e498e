// Bundles the compiled command (dist/) into dist/bundle/: a fresh process then loads a few files instead of some
// hundreds of modules (about a fifth of a sample build's time). pdfmake (with pdfkit and fontkit) stays as Node
// loads it: sitrep patches its classes by their CommonJS paths. pdfjs-dist and yaml load only when needed.
// Then the command's startup snapshot (see src/cli/snapshot.ts and bin/sitrep): everything in one CommonJS script,
// run once, its heap saved to dist/bundle/sitrep.blob for this Node.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { extractorFingerprint } from '../dist/cache/entries.js';
import { requiredWhenCalled, requiredWhenImported, standInSource } from '../dist/cli/snapshotStandIns.js';

const outdir = 'dist/bundle';
// The extraction cache's keys name the rules' source (dist/extract/), which the bundle does not ship.
// V8's own interrupt budget (src/util/tiering.ts), as this Node's V8 gives it; null if it says none.
const v8Options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
const interruptBudget = /^\s*--interrupt-budget \(.*\n\s*type: int\s+default: --interrupt-budget=(\d+)$/m.exec(v8Options)?.[1] ?? null;
const define = { SITREP_EXTRACTOR_FINGERPRINT: JSON.stringify(extractorFingerprint()), SITREP_V8_INTERRUPT_BUDGET: String(interruptBudget) };
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { sitrep: 'dist/cli/bin.js', extractWorker: 'dist/extractWorker.js', weeklyWorker: 'dist/weeklyWorker.js' },
  outdir,
  // Every file at the folder's top, as dist/ has its entry points and workers: paths.js finds workers next to it.
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // es2023, not node20: esbuild counts Node's \p{…} as unsupported and would construct each such pattern on every use.
  target: 'es2023',
  external: ['pdfmake', 'pdfjs-dist', 'yaml'],
  define,
  // CommonJS dependencies bundled into ES modules still call require() for Node's own modules.
  banner: { js: "import { createRequire as __sitrepRequire } from 'node:module'; const require = __sitrepRequire(import.meta.url);" },
  logLevel: 'warning',
});

/**
 * Each character above U+007F as an escape. esbuild escapes them everywhere but in regular-expression literals, and
 * one such character (a curly quote in a pattern) makes V8 keep the whole script two bytes a character: the
 * snapshot holds the script's text, 6.7 MB rather than 3.4, and every megabyte of a snapshot takes some 7 ms to load.
 * An escape means the same character in a string, a pattern or a name; an escaped character (`\’`) is the
 * character itself, so its backslash gives way to the escape.
 */
function asciiOnly(code) {
  return code.replace(/(\\*)([^\0-\x7f])/gu, (_, slashes, character) => {
    const escape = [...Array(character.length).keys()].map((i) => `\\u${character.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
    return (slashes.length % 2 === 1 ? slashes.slice(1) : slashes) + escape;
  });
}
for (const file of readdirSync(outdir)) {
  if (file.endsWith('.js')) writeFileSync(path.join(outdir, file), asciiOnly(readFileSync(path.join(outdir, file), 'utf8')));
}

// A snapshot's script may load no file as it is built, only Node's own modules, and it has no import(): it is one
// CommonJS file with every dependency in it, but for the modules a build never uses (dist/cli/snapshotStandIns.js),
// which are required from node_modules when first used.
const requiredWhenUsed = {
  name: 'required-when-used',
  setup(build) {
    // A .cjs name: the stand-in is CommonJS, whatever the module it requires is.
    const standIn = (when) => (args) => ({ path: `${args.path}.cjs`, namespace: 'required-when-used', pluginData: { specifier: args.path, when } });
    build.onResolve({ filter: requiredWhenImported }, standIn('imported'));
    build.onResolve({ filter: requiredWhenCalled }, standIn('called'));
    build.onLoad({ filter: /.*/, namespace: 'required-when-used' }, ({ pluginData: { specifier, when } }) => ({ contents: standInSource(specifier, when), loader: 'js' }));
  },
};
const script = path.join(outdir, 'sitrep-snapshot.cjs');
await build({
  entryPoints: { 'sitrep-snapshot': 'dist/cli/snapshot.js' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // es2023, not node20: esbuild counts Node's \p{…} as unsupported and would construct each such pattern on every use.
  target: 'es2023',
  define: { ...define, 'import.meta.url': '__sitrepModuleUrl' },
  banner: { js: "var __sitrepModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [requiredWhenUsed],
  // The script's text is in the snapshot, and every megabyte of it takes about 10 ms to load: no spaces or comments.
  // Names are kept, for --debug's stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
writeFileSync(script, asciiOnly(readFileSync(script, 'utf8')));
// V8 options the command runs with (bin/sitrep reads them from node-flags); a snapshot loads only under the options
// it was built with. --no-regexp-tier-up: a pattern is compiled once, to machine code, when first used, rather than
// to bytecode and then again to machine code on its second use. A report's run uses hundreds of patterns a few times
// each: the extraction of the five sample articles in a fresh process took 148 -> 75 ms (median of seven), and long
// runs are no slower.
const NODE_FLAGS = ['--no-regexp-tier-up'];
writeFileSync(path.join(outdir, 'node-flags'), `${NODE_FLAGS.join(' ')}\n`);
const blob = path.join(outdir, 'sitrep.blob');
const made = spawnSync(process.execPath, [...NODE_FLAGS, '--snapshot-blob', blob, '--build-snapshot', script], { encoding: 'utf8' });
if (made.status !== 0) {
  // The command still works without it (bin/sitrep starts from the modules), only slower to start.
  rmSync(blob, { force: true });
  console.warn(`bundle: no startup snapshot (node --build-snapshot exited with ${made.status}):\n${made.stderr}`);
} else {
  // What bin/sitrep checks before using the snapshot: the Node that built it (a snapshot loads only in the Node
  // that made it), the folder it was built in (its paths are in it), and the V8 options.
  const node = realpathSync(process.execPath);
  const { size, mtimeMs } = statSync(node);
  writeFileSync(`${blob}.stamp`, `${node} ${size} ${Math.floor(mtimeMs / 1000)} ${realpathSync(outdir)} ${NODE_FLAGS.join(' ')}\n`);
}
