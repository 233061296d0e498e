// The `sitrep` command: parses arguments, runs a pipeline function, prints results and errors.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { readFile } from 'node:fs/promises';
import { buildReport, cacheDirFrom, extractCorpus, loadSpecFile, workersFrom } from '../build.js';
import { watchBuilds } from '../watch.js';
import { buildWeekly, todayUtc, type WeekOutcome } from '../weekly.js';
import { initTemplate, listTemplateNames, readTemplate } from '../compose/templateFiles.js';
import { builtinTemplates, packageRoot } from '../paths.js';
import type { MailRequest } from '../deliver/send.js';
import { SitrepError, formatDiagnostic } from '../errors.js';
import { optimizeAsUsual } from '../util/tiering.js';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The clock (for "last week"); tests pass --today instead. */
  now?: () => Date;
  /** Progress on a terminal: rewrites one status line. Absent when stderr is not a terminal. */
  status?: (line: string) => void;
  /** Ends `--watch` (Ctrl-C in a terminal). */
  signal?: AbortSignal;
}


export function createProgram(io: Io): Command {
  const program = new Command('sitrep')
    .description('Turn a corpus of news articles into dated situation reports (PDF) with source footnotes.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--debug', 'show stack traces on errors')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  const resolve = (p: string) => path.resolve(io.cwd, p);
  // What every build takes from the environment: reproducible dates, the cache, worker threads.
  const fromEnv = (out: string) => ({ outDir: resolve(out), sourceDateEpoch: io.env.SOURCE_DATE_EPOCH, cacheDir: cacheDirFrom(io.env), workers: workersFrom(io.env) });

  program
    .command('build')
    .description('write the PDF (or HTML) for one briefing spec')
    .argument('<spec>', 'briefing spec (YAML)')
    .option('--out <dir>', 'output folder', 'out')
    .option('--format <format>', 'pdf, or html: one self-contained file', 'pdf')
    .option('--watch', 'build again whenever the spec, template, theme, corpus or data change (Ctrl-C stops)')
    .action(async (spec: string, options: { out: string; format: string; watch?: boolean }) => {
      if (options.format !== 'pdf' && options.format !== 'html') throw new SitrepError({ code: 'UsageInvalid', message: `--format is pdf or html, not \`${options.format}\`` });
      const buildOptions = { ...fromEnv(options.out), format: options.format as 'pdf' | 'html' };
      if (!options.watch) return reportBuilt(io, await buildReport(resolve(spec), buildOptions));
      await watchBuilds(
        async () => {
          const result = await buildReport(resolve(spec), buildOptions);
          // The builds to come, in a process that lives on: long work.
          optimizeAsUsual();
          return { detail: path.relative(io.cwd, result.file) || result.file, watched: result.reads };
        },
        (r) => (r.ok ? io.out : io.err)(`${r.ok ? 'built' : 'failed'} in ${Math.round(r.ms)} ms: ${r.detail}${r.ok ? '' : '\n(watching for changes)'}`),
        (error) => (error instanceof SitrepError ? error.diagnostics.map(formatDiagnostic).join('\n') : `error: ${(error as Error).message}`),
        io.signal ?? new AbortController().signal,
      );
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
        const result = await buildReport(path.join(resolve(dir), spec), fromEnv(options.out));
        reportBuilt(io, result);
        // More reports to come: long work.
        optimizeAsUsual();
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
      const { skipped, extraction } = await extractCorpus(resolve(options.corpus), undefined, undefined, cacheDirFrom(io.env), undefined, workersFrom(io.env));
      for (const file of skipped) io.err(`warning: skipped ${file.file}: ${file.reason}`);
      if (options.json) io.out(JSON.stringify(extraction, null, 2));
      else
        io.out(
          `${extraction.documents.length} documents, ${extraction.quotes.length} quotes, ${extraction.events.length} events, ${extraction.figures.length} figures` +
            (skipped.length ? ` (${skipped.length} files skipped)` : ''),
        );
    });

  const templates = program.command('templates').description('list the templates, or copy one to make it your own');
  templates
    .command('list')
    .description('the templates (built in, and in --dir) with their partials')
    .option('--dir <dir>', 'also list the templates in this folder')
    .action(async (options: { dir?: string }) => {
      for (const root of [builtinTemplates, ...(options.dir ? [resolve(options.dir)] : [])]) {
        for (const name of await listTemplateNames(root)) {
          const template = await readTemplate(path.join(root, name), builtinTemplates);
          const own = (p: { file: string }) => (p.file.startsWith(template.dir + path.sep) ? '' : '*');
          io.out(`${name}  ${path.relative(io.cwd, template.dir) || '.'}${template.dirs.length > 1 ? `  (extends ${path.basename(template.dirs[1]!)})` : ''}`);
          if (template.description) io.out(`  ${template.description}`);
          io.out(`  partials: ${template.partials.map((p) => `${p.name}${own(p)}`).join(', ')}${template.dirs.length > 1 ? '  (* inherited)' : ''}`);
        }
      }
    });
  templates
    .command('init')
    .description('copy a template into a folder of your own, to edit (what you delete is inherited)')
    .argument('<name>', 'name of the new template')
    .option('--from <template>', 'the template to start from', 'sitrep')
    .option('--dir <dir>', 'where to create it', 'templates')
    .action(async (name: string, options: { from: string; dir: string }) => {
      const created = await initTemplate(name, options.from, resolve(options.dir), builtinTemplates);
      io.out(`${path.relative(io.cwd, created) || created}: edit the partials and theme.yaml; set \`template: ${name}\` in a spec`);
    });

  program
    .command('weekly')
    .description('build one report per week: the last complete week before today, or the weeks asked for')
    .argument('<spec>', 'briefing spec (YAML)')
    .option('--week <week>', 'one ISO week, e.g. 2023-W47')
    .option('--from <date>', 'every week from this date (YYYY-MM-DD)...')
    .option('--to <date>', '...to this one')
    .option('--last <n>', 'the last N complete weeks', (value) => Number(value))
    .option('--today <date>', 'the day to count back from (default: today, UTC)')
    .option('--out <dir>', 'output folder', 'out')
    .option('--mail', "send each report to the spec's `mail:` recipients after it is built")
    .action(async (spec: string, options: { week?: string; from?: string; to?: string; last?: number; today?: string; out: string; mail?: boolean }) => {
      const specFile = resolve(spec);
      const mail: MailRequest = { send: true };
      // Mail code (nodemailer) loads only when a report is mailed.
      const mailer = options.mail ? await import('../deliver/send.js') : null;
      if (mailer) mailer.checkMailSettings(mail, (await loadSpecFile(specFile)).spec.mail, io.env);
      const outcomes = await buildWeekly(specFile, {
        ...fromEnv(options.out),
        today: todayUtc(options.today, (io.now ?? (() => new Date()))()),
        request: { week: options.week, from: options.from, to: options.to, last: options.last },
        workerHeapMb: Number(io.env.SITREP_WORKER_HEAP_MB) > 0 ? Number(io.env.SITREP_WORKER_HEAP_MB) : undefined,
        onProgress: progressReporter(io),
        afterBuild: mailer
          ? async (outcome, weekSpec) => {
              const bytes = await readFile(outcome.file!);
              const sent = await mailer.mailReport({ file: outcome.file!, bytes }, mail, weekSpec.mail, io.env, (m) => io.err(`warning: ${m}`));
              io.err(`${outcome.week}: mailed to ${sent.envelope.to.join(', ')}`);
            }
          : undefined,
      });
      reportWeeks(io, outcomes);
    });

  program
    .command('mail')
    .description('email a report: build it from a spec, or take a PDF sitrep wrote')
    .argument('<report>', 'briefing spec (YAML) or report PDF')
    .option('--to <address...>', 'recipients (default: the spec\'s mail: to)')
    .option('--cc <address...>', 'copies')
    .option('--from <address>', 'sender (default: the spec\'s mail: from, or SITREP_MAIL_FROM)')
    .option('--subject <text>', 'subject (default: report number, title and period)')
    .option('--eml <file>', 'write the message to an .eml file')
    .option('--send', 'send it through SMTP (mail: smtp: in the spec, or SITREP_SMTP_*)')
    .option('--out <dir>', 'output folder when building from a spec', 'out')
    .action(async (report: string, options: MailRequest & { out: string }) => {
      const input = resolve(report);
      const request: MailRequest = { ...options, eml: options.eml ? resolve(options.eml) : undefined };
      const { checkMailSettings, mailReport } = await import('../deliver/send.js');
      let file = input;
      let config = null;
      if (/\.ya?ml$/i.test(input)) {
        config = (await loadSpecFile(input)).spec.mail;
        checkMailSettings(request, config, io.env);
        const built = await buildReport(input, fromEnv(options.out));
        reportBuilt(io, built);
        file = built.file;
      }
      const bytes = await readFile(file).catch(() => {
        throw new SitrepError({ code: 'UsageInvalid', message: `cannot read ${report}`, hint: 'Give a briefing spec (.yaml) or a report PDF.' });
      });
      const sent = await mailReport({ file, bytes }, request, config, io.env, (m) => io.err(`warning: ${m}`));
      io.out(sent.eml ? path.relative(io.cwd, sent.eml) || sent.eml : `sent ${sent.messageId} to ${[...sent.envelope.to, ...sent.envelope.cc].join(', ')}`);
    });

  return program;
}

/** A bar on a terminal, one line per week otherwise (logs, CI). */
function progressReporter(io: Io): (done: number, total: number, week: string) => void {
  return (done, total, week) => {
    if (io.status && total > 3) {
      const width = 24;
      const filled = Math.round((done / total) * width);
      io.status(done === total ? '' : `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${week}`);
    } else if (done < total) io.err(`building ${week} (${done + 1}/${total})`);
  };
}

function reportWeeks(io: Io, outcomes: WeekOutcome[]): void {
  for (const o of outcomes) {
    if (o.status === 'failed') {
      const error = o.error;
      const text = error instanceof SitrepError ? error.diagnostics.map(formatDiagnostic).join('\n') : `error: ${(error as Error)?.message ?? String(error)}`;
      io.err(`${o.week}: failed${o.file ? ` (the report was written: ${path.relative(io.cwd, o.file)})` : ''}\n${text}`);
    } else io.out(`${o.week} ${o.reportNumber ?? ''} ${o.status === 'empty' ? 'no events' : `${o.events} event(s)`}: ${path.relative(io.cwd, o.file!) || o.file}`);
  }
  const outgrew = outcomes.filter((o) => o.outgrewWorker).map((o) => o.week);
  // Not an error (the reports are whole), but the batch lost a core for them: say how to give workers more room.
  if (outgrew.length > 0) io.err(`warning: ${outgrew.join(', ')}: did not fit in a worker thread's memory, rendered in the main thread (SITREP_WORKER_HEAP_MB sets a worker's heap; default 256)`);
  const count = (status: WeekOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  io.out(`${outcomes.length} week(s): ${count('built')} built, ${count('empty')} empty, ${count('failed')} failed`);
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length > 0) {
    const codes = failed.map((o) => (o.error instanceof SitrepError ? o.error.exitCode : 1));
    throw new WeeksFailed(Math.max(...codes));
  }
}

/** The weeks' errors are printed already; this only carries the exit code. */
class WeeksFailed extends Error {
  constructor(readonly exitCode: number) {
    super('some weeks failed');
  }
}

function reportBuilt(io: Io, result: { file: string; bytes: number; skipped: number }): void {
  if (result.skipped) io.err(`warning: ${result.skipped} corpus file(s) skipped; see the report's title block`);
  io.out(path.relative(io.cwd, result.file) || result.file);
}

const packageVersion = () => (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function run(argv: string[], io: Io): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof WeeksFailed) return error.exitCode;
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
