// The command started from its startup snapshot (bin/sitrep, dist/bundle/sitrep.blob) does what the bundled
// modules do, to the byte: the same PDFs, the same extraction, the same errors and exit codes. bin/sitrep starts
// `weekly` and `extract` from the modules, but a build of a large new corpus starts extraction workers from it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCli, projectRoot, sampleSpec, workspace } from './helpers/workspace.js';
import { sitrep as inProcess } from './helpers/cli.js';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { requiredWhenCalled, requiredWhenImported, standInSource } from '../src/cli/snapshotStandIns.js';

const bundle = path.dirname(builtCli);
const blob = path.join(bundle, 'sitrep.blob');
const launcher = path.join(projectRoot, 'bin', 'sitrep');
// The V8 options the command runs with (bin/sitrep), which the snapshot was built with and loads only under.
const nodeFlags = readFileSync(path.join(bundle, 'node-flags'), 'utf8').split(/\s+/).filter(Boolean);
const weeklySpec = path.join(projectRoot, 'briefings', 'iraq-militias-weekly.yaml');

type Start = 'snapshot' | 'modules' | 'launcher';
function sitrep(start: Start, args: string[], env: Record<string, string> = {}) {
  const [command, ...prefix] = {
    snapshot: [process.execPath, ...nodeFlags, '--snapshot-blob', blob, '--'],
    modules: [process.execPath, ...nodeFlags, builtCli],
    launcher: [launcher],
  }[start];
  // A fresh cache for each run: both starts do all the work, and neither reuses what the other left.
  const cache = workspace();
  const child = spawnSync(command!, [...prefix, ...args], { encoding: 'utf8', env: { ...process.env, SITREP_CACHE_DIR: cache, ...env } });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Every file a run wrote into its output folder, by name. */
const written = (dir: string) => Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))]));

describe('the startup snapshot', () => {
  it('is built by npm run build, for this Node, this folder and the V8 options the command runs with', () => {
    expect(statSync(blob).size, 'dist/bundle/sitrep.blob (npm run build)').toBeGreaterThan(1_000_000);
    const node = realpathSync(process.execPath);
    const { size, mtimeMs } = statSync(node);
    expect(readFileSync(`${blob}.stamp`, 'utf8')).toBe(`${node} ${size} ${Math.floor(mtimeMs / 1000)} ${realpathSync(bundle)} ${nodeFlags.join(' ')}\n`);
    // Patterns are compiled once, to machine code (scripts/bundle.mjs).
    expect(nodeFlags).toContain('--no-regexp-tier-up');
    // The interrupt budget a short command raises and long work lowers again is V8's own (src/util/tiering.ts).
    const v8Budget = /--interrupt-budget=(\d+)/.exec(spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout)?.[1];
    expect(v8Budget).toMatch(/^\d+$/);
    expect(readFileSync(path.join(bundle, 'sitrep-snapshot.cjs'), 'utf8')).toContain(`usualBudget=${v8Budget}`);
  });

  it('builds the sample report to the same bytes as the bundled modules', () => {
    // bin/sitrep starts from the snapshot: the stamp it checks is this Node's and this folder's (above).
    const [fromSnapshot, fromModules] = (['launcher', 'modules'] as const).map((start) => {
      const out = workspace();
      const run = sitrep(start, ['build', sampleSpec, '--out', out]);
      expect(run, start).toMatchObject({ status: 0, stderr: '' });
      return written(out);
    });
    expect(Object.keys(fromSnapshot!)).toEqual(['iraq-militias_2024-01-31.pdf']);
    expect(fromSnapshot).toEqual(fromModules);
  });

  it('starts worker threads that render weekly reports to the same bytes', async () => {
    // With a 28 MB heap a worker renders the empty weeks (they fit in 18 MB, measured); 2021-W26's report needs
    // more (it fits from 38) and comes back to the main thread, which says so: proof that the workers ran. The
    // same weeks rendered here, in this thread, are the reference.
    const weeks = ['weekly', weeklySpec, '--from', '2021-06-28', '--to', '2021-07-18', '--out'];
    const out = workspace();
    const run = sitrep('snapshot', [...weeks, out], { SITREP_WORKERS: '2', SITREP_WORKER_HEAP_MB: '28' });
    expect(run).toMatchObject({ status: 0, stdout: expect.stringContaining('3 week(s): 1 built, 2 empty, 0 failed') });
    expect(run.stderr).toContain("warning: 2021-W26: did not fit in a worker thread's memory");
    const here = workspace();
    expect((await inProcess([...weeks, here], { env: { SITREP_CACHE_DIR: workspace() } })).code).toBe(0);
    expect(Object.keys(written(out))).toHaveLength(3);
    expect(written(out)).toEqual(written(here));
  });

  it('extracts the same events, quotes and figures', () => {
    const [fromSnapshot, fromModules] = (['snapshot', 'modules'] as const).map((start) => sitrep(start, ['extract', '--json', '--corpus', path.join(projectRoot, 'corpus')]));
    expect(fromSnapshot!.status).toBe(0);
    expect(JSON.parse(fromSnapshot!.stdout).events.length).toBeGreaterThan(5);
    expect(fromSnapshot).toEqual(fromModules);
  });

  it('reads its arguments as sitrep options, not as Node options, and fails as the modules do', () => {
    const version = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version as string;
    expect(sitrep('launcher', ['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    const spec = path.join(workspace({ 'bad.yaml': 'title: [unclosed\n' }), 'bad.yaml');
    const [fromSnapshot, fromModules] = (['snapshot', 'modules'] as const).map((start) => sitrep(start, ['--debug', 'build', spec]));
    expect(fromSnapshot!.status).toBe(3);
    expect(fromSnapshot!.stderr).toContain('bad.yaml');
    // The stack trace --debug adds names each start's own script: compare the messages above it.
    const message = (stderr: string) => stderr.split('\n').filter((line) => !/^\s+at /.test(line) && !line.includes('sitrep-snapshot.cjs') && !line.includes('sitrep.js'));
    expect(message(fromSnapshot!.stderr)).toEqual(message(fromModules!.stderr));
  });

  it('reads the certificates NODE_EXTRA_CA_CERTS names only for the commands that send mail', () => {
    // Node reads them as it starts, and warns when it cannot: the warning shows which processes read them.
    const certificates = { NODE_EXTRA_CA_CERTS: path.join(workspace(), 'missing.pem') };
    const warning = expect.stringContaining('Ignoring extra certs from');
    expect(sitrep('launcher', ['--version'], certificates).stderr).toBe('');
    expect(sitrep('launcher', ['weekly', '--help'], certificates).stderr).toBe('');
    expect(sitrep('launcher', ['mail', '--help'], certificates).stderr).toEqual(warning);
    expect(sitrep('launcher', ['weekly', '--mail', '--help'], certificates).stderr).toEqual(warning);
  });
});

describe('the modules the snapshot leaves out', () => {
  /** A stand-in as the built script runs it, and the modules it has required so far. */
  function standIn(specifier: string, when: 'imported' | 'called') {
    const required: string[] = [];
    const moduleUrl = pathToFileURL(path.join(bundle, 'sitrep-snapshot.cjs')).href;
    const fromModule = (id: string) => {
      if (id !== 'node:module') throw new Error(`a stand-in required ${id}`);
      return { createRequire: (url: string) => (name: string) => (required.push(name), createRequire(url)(name)) };
    };
    const module = { exports: undefined as unknown };
    new Function('module', 'require', '__sitrepModuleUrl', standInSource(specifier, when))(module, fromModule, moduleUrl);
    return { exports: module.exports as never, required };
  }

  it('are not in its script', () => {
    const script = readFileSync(path.join(bundle, 'sitrep-snapshot.cjs'), 'utf8');
    for (const left of ['node_modules/brotli/', 'node_modules/@noble/', 'node_modules/nodemailer/', 'node_modules/pdfjs-dist/']) expect(script.includes(left), left).toBe(false);
    for (const specifier of ['brotli/decompress.js', '@noble/ciphers/aes', '@noble/hashes/sha2', '@noble/hashes/utils']) expect(specifier).toMatch(requiredWhenCalled);
    for (const specifier of ['nodemailer', 'nodemailer/lib/addressparser', 'pdfjs-dist/legacy/build/pdf.mjs']) expect(specifier).toMatch(requiredWhenImported);
  });

  it('are required when first called, and then work as themselves', () => {
    const text = Buffer.from('A WOFF2 font is compressed with Brotli. '.repeat(50));
    const decompress = standIn('brotli/decompress.js', 'called');
    expect(decompress.required).toEqual([]);
    expect(Buffer.from((decompress.exports as (bytes: Buffer, size: number) => Uint8Array)(brotliCompressSync(text), text.length)).equals(text)).toBe(true);
    (decompress.exports as (bytes: Buffer, size: number) => Uint8Array)(brotliCompressSync(text), text.length);
    expect(decompress.required).toEqual(['brotli/decompress.js']);

    const sha2 = standIn('@noble/hashes/sha2', 'called');
    expect(sha2.required).toEqual([]);
    expect(Buffer.from((sha2.exports as { sha256(bytes: Uint8Array): Uint8Array }).sha256(text)).toString('hex')).toBe(createHash('sha256').update(text).digest('hex'));
    expect(sha2.required).toEqual(['@noble/hashes/sha2']);
  });

  it('are there for the command that uses them: mail writes the same message from the snapshot', () => {
    const [fromSnapshot, fromModules] = (['launcher', 'modules'] as const).map((start) => {
      const out = workspace();
      const message = path.join(out, 'report.eml');
      const run = sitrep(start, ['mail', sampleSpec, '--to', 'Desk <desk@example.org>', '--from', 'sitrep <sitrep@example.org>', '--eml', message, '--out', out]);
      expect(run, start).toMatchObject({ status: 0, stderr: '' });
      // Without what nodemailer makes at random for each message: its id and the parts' boundaries.
      return readFileSync(message, 'latin1').replace(/^Message-ID: .*$/m, '').replaceAll(/_NmP-[0-9a-f]+-Part/g, '');
    });
    expect(fromSnapshot).toContain('Content-Type: application/pdf');
    expect(fromSnapshot).toBe(fromModules);
  });

  it('are required when the module importing them runs', () => {
    const mailer = standIn('nodemailer', 'imported');
    expect(mailer.required).toEqual(['nodemailer']);
    expect(typeof (mailer.exports as { createTransport: unknown }).createTransport).toBe('function');
  });
});
