// sitrep as a library: the pipeline stages, each usable on its own.
export type * from './types.js';
export { SitrepError, formatDiagnostic, type Diagnostic } from './errors.js';
export { readCorpus } from './read/corpus.js';
export { readArticle } from './read/article.js';
export { extract } from './extract/index.js';
export { parseAliases, nameKey } from './extract/aliases.js';
export { parseSpec } from './spec/load.js';
export { select } from './select/index.js';
export { compose } from './compose/index.js';
export { escapeMarkdown } from './compose/escape.js';
export { documentDefinition, renderReport } from './render/document.js';
export { renderPdf } from './render/pdf.js';
export { buildReport, extractCorpus, loadSpecFile } from './build.js';
