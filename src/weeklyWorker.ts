// A worker thread that renders weekly reports: `sitrep weekly` gives each week's selection to a pool of these, so a
// year of reports uses every core. It receives the template and theme once, then what one week shows per message.
import { workerData } from 'node:worker_threads';
import { renderWeek } from './weekly.js';
import type { Look } from './build.js';
import type { Selection } from './types.js';
import { serveJobs } from './util/workerPool.js';
import { loadShapedWords } from './cache/shapes.js';
import { fontFilesOf } from './render/document.js';
import { takeNewlyShaped, trackNewlyShaped } from './render/pdfmake/fonts.js';

const { inputs, sourceDateEpoch, cacheDir } = workerData as { inputs: Look; sourceDateEpoch?: string; cacheDir: string | null };
// The words earlier runs shaped, read while the corpus is still loading: the first report need not shape them all.
const shaped = cacheDir ? loadShapedWords(cacheDir, fontFilesOf(inputs.theme)) : Promise.resolve();
// The words this worker shapes go back with each report, to be kept in the cache for the next batch.
if (cacheDir) trackNewlyShaped();

serveJobs(async (selection: Selection) => {
  await shaped;
  const { pdf, events } = await renderWeek(inputs, selection, { sourceDateEpoch });
  const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
  return { output: { pdf: bytes, events, newWords: takeNewlyShaped() }, transfer: [bytes.buffer] };
});
