// Bad input gets one clear message naming the file and line, a non-zero exit, and no stack trace.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { SitrepError } from '../src/errors.js';
import { sitrep } from './helpers/cli.js';
import { builtCli, projectRoot, specYaml, workspace } from './helpers/workspace.js';

const corpus = { 'corpus/a.txt': 'Headline of the test article\n\n"We will stay," the mayor said.\n' };

async function build(spec: string, files: Record<string, string> = corpus) {
  const dir = workspace({ 'brief.yaml': spec, ...files });
  const result = await sitrep(['build', 'brief.yaml', '--out', 'out'], { cwd: dir });
  return { ...result, dir, file: path.join(dir, 'brief.yaml') };
}

function expectCleanFailure(result: { code: number; stderr: string; dir: string }) {
  expect(result.code).not.toBe(0);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  const out = path.join(result.dir, 'out');
  expect(readdirSync(result.dir).includes('out') ? readdirSync(out) : []).toEqual([]);
}

describe('errors in a spec', () => {
  it('a misspelt key names its line and suggests the right one', async () => {
    const result = await build(specYaml('    limt: 5\n'));
    expectCleanFailure(result);
    expect(result.stderr).toContain(`${result.file}:9:5: error: unknown key \`limt\` in \`sections.0\` (did you mean \`limit\`?)`);
    expect(result.stderr.match(/error:/g)).toHaveLength(1);
  });

  it('a date that does not exist names its line', async () => {
    const result = await build(specYaml().replace('from: 2020-01-01', 'from: 2023-02-30'));
    expectCleanFailure(result);
    expect(result.stderr).toMatch(new RegExp(`${result.file}:3:17: error: \`2023-02-30\` is not a real date`));
  });

  it('a malformed date names its line and the expected form', async () => {
    const result = await build(specYaml().replace('asOf: 2024-01-31T18:00:00Z', 'asOf: 31/01/2024'));
    expectCleanFailure(result);
    expect(result.stderr).toContain(`${result.file}:4:7: error: \`asOf\`: expected a date or a date-time`);
  });

  it('a missing corpus names the spec line of `corpus:`', async () => {
    const result = await build(specYaml().replace('corpus: corpus', 'corpus: nowhere'), {});
    expectCleanFailure(result);
    expect(result.stderr).toMatch(new RegExp(`${result.file}:5:9: error: corpus folder not found: .*nowhere`));
    expect(result.code).toBe(3);
  });

  it('broken YAML names its line', async () => {
    const result = await build('title: [unclosed\nperiod: 2023-W47\n');
    expectCleanFailure(result);
    expect(result.stderr).toMatch(new RegExp(`${result.file}:\\d+:\\d+: error: `));
  });

  it('a week that does not exist is refused', async () => {
    const result = await build(specYaml().replace('period: { from: 2020-01-01, to: 2030-12-31 }', 'period: 2023-W54'));
    expectCleanFailure(result);
    expect(result.stderr).toContain(`${result.file}:3:9: error: \`2023-W54\` is not a week of that year`);
  });

  it('a missing spec file says so', async () => {
    const result = await sitrep(['build', 'no-such-spec.yaml'], { cwd: workspace() });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/error: spec not found: \S*no-such-spec.yaml\n  hint: /);
  });

  it('--debug adds the stack trace', async () => {
    const dir = workspace({ 'brief.yaml': specYaml().replace('corpus: corpus', 'corpus: nowhere') });
    const result = await sitrep(['--debug', 'build', 'brief.yaml', '--out', 'out'], { cwd: dir });
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});

describe('sitrep validate', () => {
  it('accepts the sample spec', async () => {
    const result = await sitrep(['validate', 'briefings/iraq-militias.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('valid (6 sections, 2021-06-01 to 2024-01-31)');
  });

  it('reports every problem with line and column', async () => {
    const dir = workspace({ 'brief.yaml': specYaml('    kind2: quotes\n').replace('title: Test report', 'title: 42\ntitel: x') });
    const result = await sitrep(['validate', 'brief.yaml'], { cwd: dir });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('brief.yaml:1:8: error: `title`: Invalid input: expected string, received number');
    expect(result.stderr).toContain('brief.yaml:2:1: error: unknown key `titel` (did you mean `title`?)');
    expect(result.stderr).toContain('unknown key `kind2` in `sections.0` (did you mean `kind`?)');
  });
});

describe('a broken data file', () => {
  it('names its line whether the corpus is extracted afresh or was taken from the cache before the edit', async () => {
    const data = workspace();
    for (const name of readdirSync(path.join(projectRoot, 'data'))) writeFileSync(path.join(data, name), readFileSync(path.join(projectRoot, 'data', name)));
    const dir = workspace({ 'brief.yaml': specYaml(), ...corpus });
    const spec = path.join(dir, 'brief.yaml');
    const cacheDir = workspace();
    const options = { outDir: path.join(dir, 'out'), cacheDir, dataDir: data };
    await buildReport(spec, options);
    const gazetteer = path.join(data, 'gazetteer.yaml');
    const text = readFileSync(gazetteer, 'utf8');
    // The first place's latitude made a word: the line of `lat:` is the one named.
    const at = text.search(/lat: -?[\d.]+/);
    writeFileSync(gazetteer, text.replace(/lat: -?[\d.]+/, 'lat: north'));
    const line = text.slice(0, at).split('\n').length;
    for (const cache of [cacheDir, null]) {
      const failure = await buildReport(spec, { ...options, cacheDir: cache }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SitrepError);
      expect((failure as SitrepError).diagnostics[0]).toMatchObject({ code: 'DataInvalid', file: gazetteer, line });
    }
  });
});

describe('a broken template', () => {
  it('names the template file and line', async () => {
    const dir = workspace({
      'brief.yaml': specYaml().replace('corpus: corpus', 'corpus: corpus\ntemplate: ./mine'),
      'mine/report.md.hbs': '# {{report.title}}\n\n{{#each sections}}\n{{heading}\n{{/each}}\n',
      ...corpus,
    });
    const result = await sitrep(['build', 'brief.yaml', '--out', 'out'], { cwd: dir });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/mine\/report\.md\.hbs:4(:\d+)?: error: Parse error/);
  });

  it('names the file and line of a field that does not exist', async () => {
    const dir = workspace({
      'brief.yaml': specYaml().replace('corpus: corpus', 'corpus: corpus\ntemplate: ./mine'),
      'mine/report.md.hbs': '# {{report.title}}\n\n{{report.titel}}\n',
      ...corpus,
    });
    const result = await sitrep(['build', 'brief.yaml', '--out', 'out'], { cwd: dir });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/mine\/report\.md\.hbs:3:\d+: error: "titel" not defined/);
  });

  it('names an unknown template', async () => {
    const dir = workspace({ 'brief.yaml': specYaml().replace('corpus: corpus', 'corpus: corpus\ntemplate: nosuch'), ...corpus });
    const result = await sitrep(['build', 'brief.yaml'], { cwd: dir });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('error: template `nosuch` not found');
  });
});

describe('the command itself', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    expect(await sitrep(['--version'])).toMatchObject({ code: 0, stdout: version });
  });

  it('a reader that closes the pipe early (| head) ends the command quietly', async () => {
    expect(existsSync(builtCli), 'dist/ is built (npm run build)').toBe(true);
    const child = spawn(process.execPath, [builtCli, 'templates', 'list'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // as `head` does once it has its lines: every write the command makes fails with EPIPE
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
