/**
 * What `items.map(pick)` gives, built by pushing: once a function that maps is optimized, V8's inlined map makes
 * holey arrays, and code compiled for the packed arrays made before is thrown away and compiled again. Used where
 * the arrays go on to the extraction rules.
 */
export function packedMap<T, U>(items: readonly T[], pick: (item: T, index: number) => U): U[] {
  const all: U[] = [];
  for (let i = 0; i < items.length; i++) all.push(pick(items[i]!, i));
  return all;
}

/**
 * What `items.flatMap(pick)` gives, as a plain loop: V8's flatMap costs several times as much, which shows where
 * thousands of lists are joined (every article's findings, an event's hundreds of reports).
 */
export function flatOf<T, U>(items: readonly T[], pick: (item: T) => readonly U[]): U[] {
  const all: U[] = [];
  for (const item of items) for (const value of pick(item)) all.push(value);
  return all;
}
