#!/usr/bin/env node
// The `sitrep` command: parses arguments, runs a pipeline function, prints results and errors.
import { realpathSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { buildReport, extractCorpus, loadSpecFile } from '../build.js';
import { SitrepError, formatDiagnostic } from '../errors.js';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function createProgram(io: Io): Command {
  const program = new Command('sitrep')
    .description('Turn a corpus of news articles into dated situation reports (PDF) with source footnotes.')
    .option('--debug', 'show stack traces on errors')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  const resolve = (p: string) => path.resolve(io.cwd, p);

  program
    .command('build')
    .description('write the PDF for one briefing spec')
    .argument('<spec>', 'briefing spec (YAML)')
    .option('--out <dir>', 'output folder', 'out')
    .action(async (spec: string, options: { out: string }) => {
      const result = await buildReport(resolve(spec), { outDir: resolve(options.out), sourceDateEpoch: io.env.SOURCE_DATE_EPOCH });
      reportBuilt(io, result);
    });

  program
    .command('build-all')
    .description('build every spec in a folder (default: briefings/)')
    .argument('[dir]', 'folder of briefing specs', 'briefings')
    .option('--out <dir>', 'output folder', 'out')
    .action(async (dir: string, options: { out: string }) => {
      const specs = (await readdir(resolve(dir)).catch(() => [] as string[])).filter((f) => /\.ya?ml$/i.test(f)).sort();
      if (specs.length === 0) throw new SitrepError({ code: 'SpecNotFound', message: `no briefing specs (*.yaml) in ${dir}` });
      for (const spec of specs) {
        const result = await buildReport(path.join(resolve(dir), spec), { outDir: resolve(options.out), sourceDateEpoch: io.env.SOURCE_DATE_EPOCH });
        reportBuilt(io, result);
      }
    });

  program
    .command('validate')
    .description('check a briefing spec against its schema')
    .argument('<spec>', 'briefing spec (YAML)')
    .action(async (spec: string) => {
      const { spec: parsed } = await loadSpecFile(resolve(spec));
      io.out(`${spec}: valid (${parsed.sections.length} sections, ${parsed.period.from} to ${parsed.period.to})`);
    });

  program
    .command('extract')
    .description('print what was read from a corpus')
    .option('--corpus <dir>', 'corpus folder', 'corpus')
    .option('--json', 'print the extraction as JSON (the documented contract)')
    .action(async (options: { corpus: string; json?: boolean }) => {
      const { corpus, extraction } = await extractCorpus(resolve(options.corpus));
      for (const skipped of corpus.skipped) io.err(`warning: skipped ${skipped.file}: ${skipped.reason}`);
      if (options.json) io.out(JSON.stringify(extraction, null, 2));
      else
        io.out(
          `${extraction.documents.length} documents, ${extraction.quotes.length} quotes, ${extraction.events.length} events, ${extraction.figures.length} figures` +
            (corpus.skipped.length ? ` (${corpus.skipped.length} files skipped)` : ''),
        );
    });

  return program;
}

function reportBuilt(io: Io, result: { file: string; bytes: number; skipped: number }): void {
  if (result.skipped) io.err(`warning: ${result.skipped} corpus file(s) skipped; see the report's title block`);
  io.out(path.relative(io.cwd, result.file) || result.file);
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function run(argv: string[], io: Io): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const debug = argv.includes('--debug');
    if (error instanceof SitrepError) {
      for (const d of error.diagnostics) io.err(formatDiagnostic(d));
      if (debug) io.err(String((error.cause as Error | undefined)?.stack ?? error.stack));
      return error.exitCode;
    }
    io.err(`error: ${(error as Error).message ?? String(error)}`);
    io.err(debug ? String((error as Error).stack) : '  hint: this is a bug in sitrep; run again with --debug and report the output.');
    return 1;
  }
}

// npx and npm link start us through a symlink: compare real paths.
const isMain = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (isMain) {
  const code = await run(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
