// A build whose words were all shaped by an earlier process reads them from the cache and never loads HarfBuzz
// (its module takes some milliseconds to compile). Its own file: vitest gives it a fresh module state, where
// nothing has been shaped or loaded before the build.
import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { renderReport } from '../src/render/document.js';
import { harfBuzzLoaded } from '../src/render/pdfmake/harfbuzz.js';
import { flat, readPdf } from './helpers/pdfText.js';
import { builtCli, sampleBuiltElsewhere, sampleSpec, workspace } from './helpers/workspace.js';

it('a build with every word in the cache gives the same PDF without loading HarfBuzz', async () => {
  expect(existsSync(builtCli), 'dist/ is built (npm run build)').toBe(true);
  const cache = workspace();
  const first = sampleBuiltElsewhere(cache);
  expect(first.stderr).toBe('');
  const again = await buildReport(sampleSpec, { outDir: workspace(), cacheDir: cache });
  expect(Buffer.compare(readFileSync(again.file), first.pdf)).toBe(0);
  expect(harfBuzzLoaded()).toBe(false);
  // A word not shaped before loads it.
  const meta = { title: 'New words', subject: '', keywords: [], author: '', classification: '', footerLeft: '', language: 'en', creationDate: new Date(0), attachment: null };
  const pdf2 = await renderReport('Quixotically zygomorphic.', meta, { allowedDirs: [] });
  expect(flat((await readPdf(pdf2)).pages.join('\n'))).toContain('Quixotically zygomorphic.');
  expect(harfBuzzLoaded()).toBe(true);
});
