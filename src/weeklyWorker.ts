// A worker thread that renders weekly reports: `sitrep weekly` gives each week's selection to a pool of these, so a
// year of reports uses every core. It receives the template and theme once, then what one week shows per message.
import { parentPort, workerData } from 'node:worker_threads';
import { SitrepError } from './errors.js';
import { renderWeek, type WorkerInputs } from './weekly.js';
import type { Selection } from './types.js';

const { inputs, sourceDateEpoch } = workerData as { inputs: WorkerInputs; sourceDateEpoch?: string };

parentPort!.on('message', async ({ id, selection }: { id: number; selection: Selection }) => {
  try {
    const { pdf, events } = await renderWeek(inputs, selection, { sourceDateEpoch });
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
    parentPort!.postMessage({ id, pdf: bytes, events }, [bytes.buffer]);
  } catch (error) {
    const diagnostics = error instanceof SitrepError ? error.diagnostics : null;
    parentPort!.postMessage({ id, error: { diagnostics, message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack } });
  }
});
