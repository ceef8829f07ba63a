/** Cached search result: the byte is not present in the rest of the chunk. */
export const NONE = -1;

/**
 * `cached` is the position of `byte` found by an earlier search of this chunk. It is
 * still the answer if it lies at or after `from` (or the byte is known to be absent);
 * otherwise search again. Each byte value is scanned over each chunk at most once.
 */
export function nextIndexOf(chunk: Buffer, byte: number, cached: number, from: number): number {
  return cached === NONE || cached >= from ? cached : chunk.indexOf(byte, from);
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 if it can't start one. */
export function utf8SequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead < 0xc2) return 0; // continuation byte or overlong lead
  if (lead < 0xe0) return 2;
  if (lead < 0xf0) return 3;
  if (lead < 0xf5) return 4;
  return 0;
}
