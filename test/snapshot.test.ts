// The command started from its startup snapshot (bin/sitrep, dist/bundle/sitrep.blob) does what the bundled
// modules do, to the byte: the same PDFs, the same extraction, the same errors and exit codes. bin/sitrep starts
// `weekly` and `extract` from the modules, but a build of a large new corpus starts extraction workers from it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCli, projectRoot, sampleSpec, workspace } from './helpers/workspace.js';
import { sitrep as inProcess } from './helpers/cli.js';

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
