// The `sitrep` command as a V8 startup snapshot (scripts/bundle.mjs builds it): a fresh process starts with the
// modules loaded and initialised (pdfmake with its fonts' tables, the extraction rules, the world atlas) instead of
// loading them: about a quarter of a sample build.
import path from 'node:path';
import v8 from 'node:v8';
// What a build loads only when it needs it, loaded here: the extraction rules, the renderer, the shaped-word cache.
import '../cache/files.js';
import '../cache/shapes.js';
import { compiledTemplate } from '../compose/index.js';
import { listTemplateNames, readTemplate } from '../compose/templateFiles.js';
import { builtinTemplates } from '../paths.js';
import { parseSpec } from '../spec/load.js';
import { renderReport } from '../render/document.js';
import { runInThisProcess } from './process.js';
import { optimizeLate } from '../util/tiering.js';

/**
 * A small report rendered as the snapshot is built: what the renderer makes the first time it is used (each font
 * read, Unicode's line-break and script tables unpacked, both atlases parsed: a regional map and a wide one) is
 * then in the snapshot. It holds no user data, and the documents made afterwards are byte for byte those made
 * without it (test/snapshot.test.ts).
 */
const warmUp = `# Warm-up

A paragraph with **bold**, *italic*, ***both*** and \`code\`.[^1]

| Date | Place |
| --- | --- |
| 1 January | Somewhere |

\`\`\`sitrep-map
[{"n":1,"lat":33.3,"lon":44.4,"name":"A"},{"n":2,"lat":30.5,"lon":47.8,"name":"B"}]
\`\`\`

\`\`\`sitrep-map
[{"n":1,"lat":33.3,"lon":44.4,"name":"A"},{"n":2,"lat":51.5,"lon":-0.1,"name":"B"},{"n":3,"lat":40.7,"lon":-74,"name":"C"}]
\`\`\`

[^1]: A note.
`;

/** A spec read as the snapshot is built: the schema's checks are made into code the first time they run. */
const warmUpSpec = `title: Warm-up
classification: UNCLASSIFIED
period: { from: 2024-01-01, to: 2024-01-31 }
asOf: 2024-01-31T18:00:00Z
corpus: corpus
sections:
  - heading: Events
    kind: events
`;

/** The built-in templates, compiled: a build with one of them, unchanged, finds it compiled (compose/index.ts). */
async function compileBuiltinTemplates(): Promise<void> {
  for (const name of await listTemplateNames(builtinTemplates)) compiledTemplate(await readTemplate(path.join(builtinTemplates, name), builtinTemplates));
}

const warmUpMeta = { title: 'Warm-up', subject: '', keywords: [], author: '', classification: '', footerLeft: '', language: 'en', creationDate: new Date(0), attachment: null };
parseSpec(warmUpSpec, 'warm-up.yaml');
// The snapshot is taken when the event loop empties, after the warm-up (a CommonJS bundle has no top-level await).
void compileBuiltinTemplates().then(() => renderReport(warmUp, warmUpMeta, { allowedDirs: [] })).then(() =>
  v8.startupSnapshot.setDeserializeMainFunction(async () => {
    // bin/sitrep starts the short commands from the snapshot (weekly and extract from the modules).
    optimizeLate();
    process.exitCode = await runInThisProcess(process.argv.slice(1));
  }),
);
