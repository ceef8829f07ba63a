/** Ascending message ids per key, searched by bisection: MemoryStore's indexes, and SQLite's count of expired unread. */

export function appendTo<K>(index: Map<K, number[]>, key: K, id: number): void {
  const ids = index.get(key);
  if (ids) ids.push(id);
  else index.set(key, [id]);
}

/** Drops the ids in `gone` from the lists of `keys` (and a list left empty with them). */
export function removeIds<K>(index: Map<K, number[]>, keys: Iterable<K>, gone: ReadonlySet<number>): void {
  for (const key of keys) {
    const kept = (index.get(key) ?? []).filter((id) => !gone.has(id));
    if (kept.length > 0) index.set(key, kept);
    else index.delete(key);
  }
}

/** Index of the first id >= value in ascending `ids` (ids.length if none). */
export function lowerBound(ids: readonly number[], value: number): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((ids[mid] ?? Infinity) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the first id > value in ascending `ids` (ids.length if none): ids are integers. */
export function upperBound(ids: readonly number[], value: number): number {
  return lowerBound(ids, Math.floor(value) + 1);
}

/** How many of the ascending `ids` are above `value`: the unread ones, for a reader who has read up to it. */
export function countAbove(ids: readonly number[], value: number): number {
  return ids.length - upperBound(ids, value);
}
