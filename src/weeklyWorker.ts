// A worker thread that renders weekly reports: `sitrep weekly` gives each week's selection to a pool of these, so a
// year of reports uses every core. It receives the template and theme once, then what one week shows per message.
import { workerData } from 'node:worker_threads';
import { renderWeek, type WorkerInputs } from './weekly.js';
import type { Selection } from './types.js';
import { serveJobs } from './util/workerPool.js';

const { inputs, sourceDateEpoch } = workerData as { inputs: WorkerInputs; sourceDateEpoch?: string };

serveJobs(async (selection: Selection) => {
  const { pdf, events } = await renderWeek(inputs, selection, { sourceDateEpoch });
  const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
  return { output: { pdf: bytes, events }, transfer: [bytes.buffer] };
});
