// A worker thread that extracts batches of articles: a corpus with many new or changed files is extracted on
// every core. It reads the data files once (the same ones the caller read), then extracts each batch it gets.
import { workerData } from 'node:worker_threads';
import type { Article } from './types.js';
import { extractArticle } from './extract/index.js';
import { readKnowledge } from './knowledge.js';
import { serveJobs } from './util/workerPool.js';

const { knowledge } = await readKnowledge((workerData as { dataDir?: string }).dataDir);

serveJobs(async (articles: Article[]) => ({ output: articles.map((article) => extractArticle(article, knowledge)) }));
