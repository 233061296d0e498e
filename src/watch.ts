// `sitrep build --watch`: build, then build again whenever the spec, its templates and theme, the corpus or the
// data files change. A failed build is reported and watching goes on. Stops when `signal` aborts.
import { watch, type FSWatcher } from 'node:fs';

export interface WatchReport {
  ok: boolean;
  ms: number;
  /** What was written, or the error's text. */
  detail: string;
}

/** `build` returns what it read (files and folders to watch); on failure the last known set is kept. */
export async function watchBuilds(
  build: () => Promise<{ detail: string; watched: string[] }>,
  report: (result: WatchReport) => void,
  describeError: (error: unknown) => string,
  signal: AbortSignal,
  delayMs = 150,
): Promise<void> {
  let watchers: FSWatcher[] = [];
  let watched: string[] = [];
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  const rewatch = (paths: string[]) => {
    if (paths.join('\n') === watched.join('\n')) return;
    for (const w of watchers) w.close();
    watched = paths;
    watchers = paths.flatMap((p) => {
      try {
        return [watch(p, { recursive: true, signal }, schedule)];
      } catch {
        return []; // a path that does not exist (yet) is not watched; the spec's next build says what is missing
      }
    });
  };
  const once = async () => {
    const started = performance.now();
    try {
      const result = await build();
      report({ ok: true, ms: performance.now() - started, detail: result.detail });
      rewatch(result.watched);
    } catch (error) {
      report({ ok: false, ms: performance.now() - started, detail: describeError(error) });
    }
  };
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = once().finally(() => {
      running = null;
      if (again && !signal.aborted) {
        again = false;
        run();
      }
    });
  };
  function schedule() {
    if (signal.aborted) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  }

  await once();
  await new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  if (timer) clearTimeout(timer);
  for (const w of watchers) w.close();
  await running;
}
