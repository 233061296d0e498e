// A worker thread that reads, keys and extracts batches of corpus files: a corpus with many new or changed files
// is extracted on every core. It reads the data files once (the same ones the caller read), then takes batches of
// files, each with the corpus folder and the manifest's entries for them.
import { workerData } from 'node:worker_threads';
import { inBatches } from './read/listing.js';
import { extractFile } from './cache/files.js';
import { fileResultsJson, rememberEntryJson, typesById } from './cache/entries.js';
import type { ExtractionJob } from './cache/index.js';
import { readKnowledge } from './knowledge.js';
import { entryStore } from './cache/packs.js';
import { serveJobs } from './util/workerPool.js';

const { cacheDir, dataDir } = workerData as { cacheDir: string | null; dataDir?: string };
const { knowledge, key } = await readKnowledge(dataDir);
const types = typesById(knowledge);
const store = cacheDir ? entryStore(cacheDir) : null;
// The entries it stores or reads are handed over in the JSON they were stored as.
rememberEntryJson();

serveJobs(async ({ root, manifest, files }: ExtractionJob) => {
  const listing = { root, files: [], manifest: new Map(manifest), manifestSignature: '' };
  const results = await inBatches(files, (file) => extractFile({ listing, knowledge, types, knowledgeKey: key, store }, file));
  store?.flush();
  // As JSON: parsing it is a third of the cost of taking a structured copy, for the thread that waits for all.
  return { output: fileResultsJson(results) };
});
