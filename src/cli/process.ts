// The command in this process: its arguments, streams, environment, clock and Ctrl-C, handed to run().
import { run } from './main.js';

export async function runInThisProcess(argv: string[]): Promise<number> {
  // A reader that stops early (`sitrep templates list | head`) is not an error: the rest would go nowhere.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  const interrupted = new AbortController();
  process.once('SIGINT', () => interrupted.abort());
  return run(argv, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    status: process.stderr.isTTY ? (line) => process.stderr.write(`\r\x1b[2K${line}`) : undefined,
    signal: interrupted.signal,
  });
}
