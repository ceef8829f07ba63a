import { KeyDecoder, type KeyEvent } from '../../lib/terminal/key-decoder.js';

/** Bytes from a mix of text (UTF-8 encoded) and raw byte values. */
export function bytes(...parts: (string | number)[]): Buffer {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from([part]))));
}

/** The input cut before each offset in `cuts`. */
export function chunksAt(input: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts, input.length]) {
    chunks.push(input.subarray(start, cut));
    start = cut;
  }
  return chunks;
}

/** Every way the tests split an input: whole, byte by byte, and in two at every offset. */
export function splits(input: Uint8Array): { how: string; chunks: Uint8Array[] }[] {
  const ways = [
    { how: 'whole', chunks: [input] },
    { how: 'byte by byte', chunks: chunksAt(input, Array.from({ length: input.length }, (_, i) => i)) },
  ];
  for (let cut = 1; cut < input.length; cut++) ways.push({ how: `split at ${String(cut)}`, chunks: chunksAt(input, [cut]) });
  return ways;
}

/** Adjacent text events of the same kind merged: how text is cut into events depends on the chunks. */
export function mergeText(events: readonly KeyEvent[]): KeyEvent[] {
  const merged: KeyEvent[] = [];
  for (const event of events) {
    const last = merged[merged.length - 1];
    if (event.type === 'text' && last?.type === 'text' && last.paste === event.paste) {
      merged[merged.length - 1] = { ...last, text: last.text + event.text };
    } else {
      merged.push(event);
    }
  }
  return merged;
}

/** The events a fresh decoder gives for the chunks, text runs merged. */
export function decodeChunks(chunks: readonly Uint8Array[], decoder = new KeyDecoder()): KeyEvent[] {
  return mergeText(chunks.flatMap((chunk) => decoder.push(chunk)));
}
