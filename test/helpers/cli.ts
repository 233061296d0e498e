// Runs the CLI in-process and captures what it prints.
import { run } from '../../src/cli/main.js';

export async function sitrep(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: options.env ?? {}, cwd: options.cwd ?? process.cwd() });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
