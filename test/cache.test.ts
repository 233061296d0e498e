// The extraction cache: an unchanged corpus is not extracted again; a broken or missing cache is only slower.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractCorpus } from '../src/build.js';
import type { CacheStats } from '../src/cache.js';
import { projectRoot, workspace } from './helpers/workspace.js';

const corpus = path.join(projectRoot, 'corpus');

describe('the extraction cache', () => {
  it('gives the same extraction from the cache as without it, and recovers from damaged entries', async () => {
    const cache = workspace();
    const plain = await extractCorpus(corpus);
    const first: CacheStats = { hits: 0, misses: 0 };
    const cold = await extractCorpus(corpus, undefined, undefined, cache, first);
    expect(first).toEqual({ hits: 0, misses: 5 });
    const second: CacheStats = { hits: 0, misses: 0 };
    const warm = await extractCorpus(corpus, undefined, undefined, cache, second);
    expect(second).toEqual({ hits: 5, misses: 0 });
    expect(warm.extraction).toEqual(plain.extraction);
    expect(cold.extraction).toEqual(plain.extraction);

    // Truncate one entry, fill another with garbage, and delete a third: each is extracted again.
    const entries = readdirSync(cache, { recursive: true }).map(String).filter((f) => f.endsWith('.json')).sort();
    expect(entries).toHaveLength(5);
    writeFileSync(path.join(cache, entries[0]!), '{"quotes": [');
    writeFileSync(path.join(cache, entries[1]!), '\u0000\u0001 not json');
    rmSync(path.join(cache, entries[2]!));
    const third: CacheStats = { hits: 0, misses: 0 };
    const repaired = await extractCorpus(corpus, undefined, undefined, cache, third);
    expect(third).toEqual({ hits: 2, misses: 3 });
    expect(repaired.extraction).toEqual(plain.extraction);

    // The whole folder gone: nothing breaks.
    rmSync(cache, { recursive: true, force: true });
    expect((await extractCorpus(corpus, undefined, undefined, cache)).extraction).toEqual(plain.extraction);
  });

  it('is not used when the article or the data files change', async () => {
    const cache = workspace();
    const dir = workspace({}, { withSampleCorpus: true });
    await extractCorpus(path.join(dir, 'corpus'), undefined, undefined, cache);
    const file = path.join(dir, 'corpus', '004_7de8ed87ed3b8916.txt');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nA new paragraph, added later.\n`);
    const stats: CacheStats = { hits: 0, misses: 0 };
    await extractCorpus(path.join(dir, 'corpus'), undefined, undefined, cache, stats);
    expect(stats).toEqual({ hits: 4, misses: 1 });
  });
});
