// The extraction cache: an unchanged corpus is neither read nor extracted again; a changed file is; a broken or
// missing cache is only slower.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractCorpus } from '../src/build.js';
import { newCacheStats, type CacheStats } from '../src/cache/index.js';
import { builtCli, projectRoot, workspace } from './helpers/workspace.js';
import { generateArticles, writeCorpus } from '../bench/generate.js';

const corpus = path.join(projectRoot, 'corpus');

async function extractWith(dir: string, cache: string | null, dataDir?: string) {
  const stats: CacheStats = newCacheStats();
  const { extraction, skipped } = await extractCorpus(dir, dataDir, undefined, cache, stats);
  return { extraction, skipped, stats };
}

/** Where each article entry is: its pack, and its line's start and length, as the packs' keys say. */
const articleEntries = (cache: string) =>
  readdirSync(path.join(cache, 'packs'))
    .filter((f) => f.endsWith('.keys'))
    .sort()
    .flatMap((f) => {
      const keys = path.join(cache, 'packs', f);
      return readFileSync(keys, 'utf8').trim().split('\n').map((line) => {
        const [key, start, length] = line.split(' ');
        return { keys, pack: keys.replace(/\.keys$/, '.pack'), key: key!, start: Number(start), length: Number(length) };
      });
    });

/** Overwrites part of a pack in place. */
function overwrite(pack: string, at: number, text: string): void {
  const bytes = readFileSync(pack);
  bytes.write(text, at);
  writeFileSync(pack, bytes);
}

describe('the extraction cache', () => {
  it('gives the same extraction from the cache as without it, and recovers from damaged entries', async () => {
    const cache = workspace();
    const plain = await extractWith(corpus, null);
    expect(plain.stats).toEqual({ hits: 0, misses: 5, read: 5 });
    const cold = await extractWith(corpus, cache);
    expect(cold.stats).toEqual({ hits: 0, misses: 5, read: 5 });
    // Unchanged: no article file is read, nothing is extracted or merged again.
    const warm = await extractWith(corpus, cache);
    expect(warm.stats).toEqual({ hits: 5, misses: 0, read: 0 });
    expect(warm.extraction).toEqual(plain.extraction);
    expect(cold.extraction).toEqual(plain.extraction);

    // Without the index and merged extraction, the files are read again and each article's entry is used.
    rmSync(path.join(cache, 'corpora'), { recursive: true });
    expect((await extractWith(corpus, cache)).stats).toEqual({ hits: 5, misses: 0, read: 5 });

    // One entry's JSON garbled, another's line naming another key, a third's key line gone, a fourth's pointing past
    // the end of its pack (a writer stopped half-way), and the merged extraction garbled.
    const entries = articleEntries(cache);
    expect(entries).toHaveLength(5);
    const [garbled, misnamed, forgotten, cut] = entries;
    overwrite(garbled!.pack, garbled!.start + garbled!.key.length + 1, '\u0000\u0001 not json');
    overwrite(misnamed!.pack, misnamed!.start, 'f'.repeat(misnamed!.key.length));
    const keyLines = (e: typeof cut) => readFileSync(e!.keys, 'utf8').split('\n');
    writeFileSync(forgotten!.keys, keyLines(forgotten).filter((line) => !line.startsWith(forgotten!.key)).join('\n'));
    writeFileSync(cut!.keys, keyLines(cut).map((line) => (line.startsWith(cut!.key) ? `${cut!.key} ${cut!.start} ${cut!.length + 1_000_000}` : line)).join('\n'));
    for (const file of readdirSync(path.join(cache, 'corpora'))) writeFileSync(path.join(cache, 'corpora', file), '{"version": 3');
    const repaired = await extractWith(corpus, cache);
    expect(repaired.stats).toEqual({ hits: 1, misses: 4, read: 5 });
    expect(repaired.extraction).toEqual(plain.extraction);

    // The whole folder gone: nothing breaks, and the entries are kept again.
    rmSync(cache, { recursive: true, force: true });
    expect((await extractWith(corpus, cache)).extraction).toEqual(plain.extraction);
    expect(articleEntries(cache)).toHaveLength(5);
  });

  it('reads again only the files that changed, even when their size and modification time did not', async () => {
    const cache = workspace();
    const dir = path.join(workspace({}, { withSampleCorpus: true }), 'corpus');
    await extractWith(dir, cache);
    const file = path.join(dir, '004_7de8ed87ed3b8916.txt');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nA new paragraph, added later.\n`);
    const appended = await extractWith(dir, cache);
    expect(appended.stats).toEqual({ hits: 4, misses: 1, read: 1 });
    expect(appended.extraction).toEqual((await extractWith(dir, null)).extraction);

    // Same length, modification time set back: the inode's change time still gives it away.
    const before = statSync(file);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('A new paragraph', 'A NEW PARAGRAPH'));
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    const edited = await extractWith(dir, cache);
    expect(edited.stats).toEqual({ hits: 4, misses: 1, read: 1 });
    expect(edited.extraction).toEqual((await extractWith(dir, null)).extraction);

    // A new file, and a binary one: both read once, the binary one skipped every time with its reason.
    writeFileSync(path.join(dir, 'zz-new.txt'), 'BAGHDAD (Reuters) - Protesters gathered in the capital on Monday, police said.\n');
    writeFileSync(path.join(dir, 'zz-image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const grown = await extractWith(dir, cache);
    expect(grown.stats).toEqual({ hits: 5, misses: 1, read: 2 });
    expect(grown.extraction.documents).toHaveLength(6);
    const again = await extractWith(dir, cache);
    expect(again.stats).toEqual({ hits: 6, misses: 0, read: 0 });
    expect(again.skipped).toEqual(grown.skipped);
    expect(again.skipped.map((s) => s.file)).toEqual(['zz-image.txt']);

    // A removed file leaves the extraction.
    rmSync(path.join(dir, 'zz-new.txt'));
    const shrunk = await extractWith(dir, cache);
    expect(shrunk.stats).toEqual({ hits: 5, misses: 0, read: 0 });
    expect(shrunk.extraction).toEqual((await extractWith(dir, null)).extraction);
  });

  it('is not used when the data files or the manifest change', async () => {
    const cache = workspace();
    const dir = path.join(workspace({}, { withSampleCorpus: true }), 'corpus');
    await extractWith(dir, cache);
    const data = path.join(workspace(), 'data');
    cpSync(path.join(projectRoot, 'data'), data, { recursive: true });
    writeFileSync(path.join(data, 'aliases.yaml'), `${readFileSync(path.join(data, 'aliases.yaml'), 'utf8')}\n# an analyst's note\n`);
    expect((await extractWith(dir, cache, data)).stats).toEqual({ hits: 0, misses: 5, read: 5 });

    const manifest = path.join(dir, 'sources.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('  published: 2021-06-28', '  published: 2021-06-28\n  outlet: Another Outlet'));
    const renamed = await extractWith(dir, cache);
    expect(renamed.stats).toEqual({ hits: 4, misses: 1, read: 5 });
    expect(renamed.extraction.documents.map((d) => d.outlet)).toContain('Another Outlet');
  });
});

describe('extraction in worker threads', () => {
  it('gives, when compiled, the same extraction as one thread, and fills the cache the same way', async () => {
    // Workers load dist/bundle/extractWorker.js: this runs the built command, as `npm ci` leaves it.
    const cli = builtCli;
    expect(existsSync(cli), 'dist/ is built (npm run build)').toBe(true);
    const dir = path.join(workspace(), 'corpus');
    writeCorpus(dir, generateArticles(450, 3));
    // A manifest naming two files (one by path, one by id): each worker gets the entries of its files.
    writeFileSync(path.join(dir, 'sources.yaml'), '000007.md: { author: Path Author }\n"000402": { author: Id Author, reliability: B }\n');
    const extract = (env: Record<string, string>, corpusDir = dir) => {
      const child = spawnSync(process.execPath, [cli, 'extract', '--json', '--corpus', corpusDir], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
      expect(child.stderr).toBe('');
      return child.stdout;
    };
    // Here (vitest runs the sources), extraction stays in this thread; the command prints the same JSON.
    const oneThread = `${JSON.stringify((await extractCorpus(dir)).extraction, null, 2)}\n`;
    const documents = JSON.parse(oneThread).documents as { id: string; author: string | null; reliability: string | null }[];
    expect(documents).toHaveLength(450);
    expect(documents.filter((d) => d.author?.endsWith('Author')).map((d) => [d.id, d.author, d.reliability])).toEqual([
      ['000007', 'Path Author', null],
      ['000402', 'Id Author', 'B'],
    ]);
    // Asked for (SITREP_WORKERS), workers extract 400 new articles or more, whatever their size.
    const cache = workspace();
    expect(extract({ SITREP_WORKERS: '2', SITREP_CACHE_DIR: cache })).toBe(oneThread);
    // Each thread (the two workers, and the command's own, which extracts beside them) packs the entries it
    // made: three files for 450 articles, not 450.
    expect(articleEntries(cache)).toHaveLength(450);
    expect(new Set(articleEntries(cache).map((e) => e.pack)).size).toBe(3);
    // The same articles in another folder: the workers find every entry in the packs, and hand each over in the
    // words it was stored in. Nothing new is packed.
    const copy = path.join(workspace(), 'copy');
    cpSync(dir, copy, { recursive: true });
    expect(extract({ SITREP_WORKERS: '2', SITREP_CACHE_DIR: cache }, copy)).toBe(oneThread);
    expect(articleEntries(cache)).toHaveLength(450);
    // Unasked, workers are used from 12 MB of new text: these 450 articles (half a megabyte) stay in one thread.
    const unasked = workspace();
    expect(extract({ SITREP_CACHE_DIR: unasked })).toBe(oneThread);
    expect(new Set(articleEntries(unasked).map((e) => e.pack)).size).toBe(1);
  });
});
