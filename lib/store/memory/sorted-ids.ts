import type { PageBound } from '../message-store.js';

/** Indexes of MemoryStore: ascending message ids per key, searched by bisection. */

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

/**
 * A page of ascending `ids` (ascending too): the last `limit` below `bound.before` (or of
 * all), or the first `limit` above `bound.after`, counting only the ids `keep` accepts.
 */
export function pageOf(ids: readonly number[], limit: number, bound: PageBound, keep: (id: number) => boolean = () => true): number[] {
  const page: number[] = [];
  if ('after' in bound) {
    for (let i = upperBound(ids, bound.after); i < ids.length && page.length < limit; i++) {
      const id = ids[i] ?? 0;
      if (keep(id)) page.push(id);
    }
    return page;
  }
  const end = bound.before === undefined ? ids.length : lowerBound(ids, bound.before);
  for (let i = end - 1; i >= 0 && page.length < limit; i--) {
    const id = ids[i] ?? 0;
    if (keep(id)) page.push(id);
  }
  return page.reverse();
}
