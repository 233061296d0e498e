// Shaped words kept in the cache: a later process starts with them and writes the same PDF; a damaged entry is
// shaped again. Its own file: vitest gives it a fresh module state, so no word is shaped here before the build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { flat, readPdf } from './helpers/pdfText.js';
import { projectRoot, workspace } from './helpers/workspace.js';

describe('shaped words in the cache', () => {
  it('gives the same PDF with the words another process shaped, and shapes a damaged entry again', async () => {
    const cli = path.join(projectRoot, 'dist', 'cli', 'main.js');
    expect(existsSync(cli), 'dist/ is built (npm run build)').toBe(true);
    const spec = path.join(projectRoot, 'briefings', 'iraq-militias.yaml');
    const cache = workspace();
    // Another process, with an empty cache: it shapes every word and keeps them.
    const first = workspace();
    const child = spawnSync(process.execPath, [cli, 'build', spec, '--out', first], { encoding: 'utf8', env: { ...process.env, SITREP_CACHE_DIR: cache } });
    expect(child.stderr).toBe('');
    const shapes = readdirSync(path.join(cache, 'shapes')).map((f) => path.join(cache, 'shapes', f));
    expect(shapes.length).toBeGreaterThan(0);
    // The largest entry (the body face) damaged: its words are shaped again; the others are read.
    const largest = shapes.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    writeFileSync(largest, JSON.stringify({ the: { glyphs: 'not glyphs', positions: [], advanceWidth: 1 } }));

    const second = await buildReport(spec, { outDir: workspace(), cacheDir: cache });
    const [pdf] = readdirSync(first).filter((f) => f.endsWith('.pdf'));
    expect(Buffer.compare(readFileSync(second.file), readFileSync(path.join(first, pdf!)))).toBe(0);
    // The damaged entry was replaced by the words shaped again.
    expect(Object.keys(JSON.parse(readFileSync(largest, 'utf8'))).length).toBeGreaterThan(100);
  });

  it('shapes a later document\'s new words as a process that shapes them itself (no cache at all)', async () => {
    const cli = path.join(projectRoot, 'dist', 'cli', 'main.js');
    expect(existsSync(cli), 'dist/ is built (npm run build)').toBe(true);
    // The sample report first, in this process (again, should this test run alone): its fonts shape the words of the
    // report after it.
    await buildReport(path.join(projectRoot, 'briefings', 'iraq-militias.yaml'), { outDir: workspace(), cacheDir: null });
    // A report on other conflicts: most of its words are new.
    const dir = workspace({
      'wire.yaml': [
        'title: "Wire copy: other conflicts"',
        'period: { from: 2024-01-01, to: 2024-12-31 }',
        'asOf: 2024-12-31T12:00:00Z',
        `corpus: ${JSON.stringify(path.join(projectRoot, 'test', 'fixtures', 'wire'))}`,
        'sections:',
        '  - { heading: Events, kind: events }',
        '  - { heading: Statements, kind: quotes }',
      ].join('\n'),
    });
    const later = await buildReport(path.join(dir, 'wire.yaml'), { outDir: workspace(), cacheDir: null });
    const alone = workspace();
    const child = spawnSync(process.execPath, [cli, 'build', path.join(dir, 'wire.yaml'), '--out', alone], { encoding: 'utf8', env: { ...process.env, SITREP_CACHE_DIR: 'off' } });
    expect(child.stderr).toBe('');
    const [pdf] = readdirSync(alone).filter((f) => f.endsWith('.pdf'));
    expect(Buffer.compare(readFileSync(later.file), readFileSync(path.join(alone, pdf!)))).toBe(0);
    // And it reads as the words it was given.
    const { pages } = await readPdf(readFileSync(later.file));
    expect(flat(pages.join('\n'))).toContain('Jean-Paul Habimana');
  });
});
