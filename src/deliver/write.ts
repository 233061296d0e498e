// Output files appear whole or not at all: write a temp file beside the target, then rename.
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SitrepError } from '../errors.js';

export async function writeAtomic(file: string, bytes: Uint8Array | string, options: { sweep?: boolean; mkdir?: boolean } = {}): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    if (options.mkdir !== false) await mkdir(path.dirname(file), { recursive: true });
    if (options.sweep !== false) await removeStaleTemps(file);
    await writeFile(temp, bytes);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new SitrepError({ code: 'OutputFailed', message: `cannot write ${file}: ${(error as Error).message}` }, { cause: error });
  }
}

/** `out/<name>`, refusing names that would leave the output folder. */
export function outputPath(outDir: string, name: string): string {
  const safe = name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[.-]+/, '');
  return path.join(outDir, safe || 'report');
}

/** Temp files of this target left by a process that was killed while writing (its pid no longer runs). */
async function removeStaleTemps(file: string): Promise<void> {
  const prefix = `.${path.basename(file)}.`;
  for (const name of await readdir(path.dirname(file)).catch(() => [] as string[])) {
    const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length, -4)) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) await rm(path.join(path.dirname(file), name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
