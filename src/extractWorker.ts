// A worker thread that reads, keys and extracts batches of corpus files: a corpus with many new or changed files
// is extracted on every core. It reads the data files once (the same ones the caller read), then takes batches.
import { workerData } from 'node:worker_threads';
import type { CorpusListing, ListedFile } from './read/listing.js';
import { inBatches } from './read/listing.js';
import { extractFile } from './cache/files.js';
import { typesById } from './cache/entries.js';
import { readKnowledge } from './knowledge.js';
import { serveJobs } from './util/workerPool.js';

const { listing, cacheDir, dataDir } = workerData as { listing: CorpusListing; cacheDir: string | null; dataDir?: string };
const { knowledge, key } = await readKnowledge(dataDir);
const context = { listing, knowledge, types: typesById(knowledge), knowledgeKey: key, cacheDir };

serveJobs(async (files: ListedFile[]) => ({ output: await inBatches(files, (file) => extractFile(context, file)) }));
