// Article entries packed many to a file: a run that extracts thousands of articles writes a few files, not one per
// article (creating a file cost more than extracting the article it held). In the cache folder:
//   packs/<name>.pack   entries, one line each: the entry's key, a space, the entry as JSON;
//   packs/<name>.keys   one line per entry of the pack: its key, where its line starts, and the line's length.
// Each thread of each process appends to packs of its own (named by time, process, thread and a random part), so no
// two writers share a file. A reader takes every pack's keys as it finds them; a line that points past the end of
// its pack (a process stopped while writing) or at another key's entry is passed over, and the entry computed again.
import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { entryJson, readEntryJson, type ArticleEntry, type StoredEntry } from './entries.js';

interface Location {
  pack: string;
  start: number;
  length: number;
}

/** The article entries of one cache folder, as this thread reads and adds them. */
export class EntryStore {
  private readonly dir: string;
  /** Where each key's entry is, read from the packs' keys on the first lookup. */
  private locations: Map<string, Location> | null = null;
  /** Entries added since the last flush, by key, in the order added, as the lines they are written as. */
  private pending = new Map<string, string>();
  /** The name of this thread's pack, once it has written one. */
  private own: string | null = null;
  private writable = true;
  /** The packs read from since the last refresh, open: a run reads thousands of entries out of a few packs. */
  private readonly openPacks = new Map<string, number>();

  constructor(cacheDir: string) {
    this.dir = path.join(cacheDir, 'packs');
  }

  /** Reads the packs' keys again at the next lookup: what other processes have added since, or removed. */
  refresh(): this {
    this.locations = null;
    for (const fd of this.openPacks.values()) closeSync(fd);
    this.openPacks.clear();
    return this;
  }

  /** The entry stored under `key`, still to be revived; null when there is none or it cannot be read. */
  get(key: string): StoredEntry | null {
    const line = this.pending.get(key) ?? this.readLine(key);
    if (line === null || !line.startsWith(`${key} `)) return null;
    try {
      return readEntryJson(line.slice(key.length + 1));
    } catch {
      return null;
    }
  }

  /** Adds an entry; it is written with the others at the next flush. */
  put(key: string, entry: ArticleEntry): void {
    if (!this.writable) return;
    const line = `${key} ${entryJson(entry)}`;
    this.pending.set(key, line);
  }

  /** Writes the entries added since the last flush: the pack's lines first, then the keys that point at them. */
  flush(): void {
    if (this.pending.size === 0 || !this.writable) return;
    const entries = this.pending;
    this.pending = new Map();
    // The folder may have been deleted since the last flush (it may be, at any time): a new pack is begun.
    if (!this.append(entries) && !this.append(entries, true)) this.writable = false;
  }

  private append(entries: Map<string, string>, afresh = false): boolean {
    try {
      if (!this.own || afresh) {
        mkdirSync(this.dir, { recursive: true });
        // worker_threads is asked for here, not imported: loaded while the startup snapshot is built, no worker
        // could start from it.
        const thread = process.getBuiltinModule('node:worker_threads').threadId;
        // Sorted by name, packs are in the order they were begun: of two entries for one key, the later wins.
        this.own = `${Date.now().toString(36).padStart(9, '0')}-${process.pid}-${thread}-${randomBytes(4).toString('hex')}`;
      }
      const pack = path.join(this.dir, `${this.own}.pack`);
      // Where the pack ends now, read from the file itself: what the keys say must hold even if it was cut short.
      let start = existsSync(pack) ? statSync(pack).size : 0;
      const lines: string[] = [];
      const keys: string[] = [];
      const placed: [string, Location][] = [];
      for (const [key, line] of entries) {
        const length = Buffer.byteLength(line);
        lines.push(line);
        keys.push(`${key} ${start} ${length}`);
        placed.push([key, { pack: this.own, start, length }]);
        start += length + 1;
      }
      appendFileSync(pack, `${lines.join('\n')}\n`);
      appendFileSync(path.join(this.dir, `${this.own}.keys`), `${keys.join('\n')}\n`);
      for (const [key, at] of placed) this.locations?.set(key, at);
      return true;
    } catch {
      // A read-only or full cache only costs time.
      return false;
    }
  }

  private readLine(key: string): string | null {
    const at = (this.locations ??= readLocations(this.dir)).get(key);
    if (!at) return null;
    try {
      let fd = this.openPacks.get(at.pack);
      if (fd === undefined) this.openPacks.set(at.pack, (fd = openSync(path.join(this.dir, `${at.pack}.pack`), 'r')));
      const bytes = Buffer.alloc(at.length);
      return readSync(fd, bytes, 0, at.length, at.start) === at.length ? bytes.toString('utf8') : null;
    } catch {
      return null;
    }
  }
}

const stores = new Map<string, EntryStore>();

/**
 * This thread's store for a cache folder: one for the life of the process, so that a long-running one (watch mode)
 * appends to the same packs rather than beginning new ones for each build (each of which refreshes it).
 */
export function entryStore(cacheDir: string): EntryStore {
  let store = stores.get(cacheDir);
  if (!store) stores.set(cacheDir, (store = new EntryStore(cacheDir)));
  return store;
}

/** Every pack's keys, earlier packs first; lines cut short or pointing past their pack's end are left out. */
function readLocations(dir: string): Map<string, Location> {
  const locations = new Map<string, Location>();
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.keys')).map((f) => f.slice(0, -'.keys'.length)).sort();
  } catch {
    return locations;
  }
  for (const pack of names) {
    let text: string;
    let size: number;
    try {
      size = statSync(path.join(dir, `${pack}.pack`)).size;
      text = readFileSync(path.join(dir, `${pack}.keys`), 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const [key, start, length] = line.split(' ');
      const at = { pack, start: Number(start), length: Number(length) };
      if (key && Number.isInteger(at.start) && Number.isInteger(at.length) && at.start + at.length <= size) locations.set(key, at);
    }
  }
  return locations;
}
