// Output files appear whole or not at all: write a temp file beside the target, then rename.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SitrepError } from '../errors.js';

export async function writeAtomic(file: string, bytes: Uint8Array | string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temp, bytes);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new SitrepError({ code: 'OutputFailed', message: `cannot write ${file}: ${(error as Error).message}` }, { cause: error });
  }
}

/** `out/<name>`, refusing names that would leave the output folder. */
export function outputPath(outDir: string, name: string): string {
  const safe = name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^\.+/, '');
  return path.join(outDir, safe);
}
