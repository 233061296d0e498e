import { defineConfig } from 'vitest/config';

// Tests whose subject is a fresh process's module state (what a process shapes before it has read anything).
const freshModules = ['test/shapes.test.ts', 'test/cachedWords.test.ts', 'test/documentsFreed.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // PDF rendering is CPU-bound; two workers match the machines we run on.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // The test files of a worker share its modules, as one long-running process does (watch mode, a weekly
        // batch): loading pdfmake, the fonts and the rules once per worker, not once per file, takes a third off
        // the suite. Module-level caches are keyed by content, so no test sees another's results as its own.
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: freshModules, isolate: false },
      },
      { extends: true, test: { name: 'fresh', include: freshModules } },
    ],
  },
});
