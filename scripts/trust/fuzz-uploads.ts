import type { FuzzArgs } from './fuzz-args.js';
import type { Rng } from './prng.js';

/**
 * complete: the line and exactly the announced bytes. zero: a file of no bytes.
 * short-then-hang-up: fewer bytes than announced, then the connection is dropped.
 * over-limit: a size above --max-file-size (the server refuses it and closes).
 */
export type UploadKind = 'complete' | 'zero' | 'short-then-hang-up' | 'over-limit';

export const UPLOAD_KINDS: readonly UploadKind[] = ['complete', 'zero', 'short-then-hang-up', 'over-limit'];

export interface UploadItem {
  kind: UploadKind;
  /** The /upload line and the bytes that follow it. */
  data: Buffer;
}

const NAMES = ['notes.pdf', 'a b c.txt', '../../etc/passwd', '..', '.', 'x/y\\z', '\x1b[31mred.txt', 'ник.txt', '#hash', '@at', 'CON', 'a'.repeat(300), '💾.bin', 'NUL\u0000.txt'];

/** An upload of this kind as the wire form has it: `/upload [#room|@nick] <name> <size>` then the bytes. */
export function uploadItem(rng: Rng, args: FuzzArgs, maxFileSize: number, kind: UploadKind): UploadItem {
  const target = rng.weighted<string>([
    [5, ''],
    [3, `#${args.room().replace(/^#/, '')} `],
    [2, `@${args.nick(false).replace(/^@/, '')} `],
  ]);
  const name = rng.chance(0.7) ? `f${rng.word(6)}.bin` : rng.pick(NAMES);
  let size: number;
  if (kind === 'zero') size = 0;
  else if (kind === 'over-limit') size = maxFileSize + 1 + rng.pick([0, rng.int(1000), rng.int(1e9)]);
  // Mostly small; now and then up to the limit itself.
  else size = rng.chance(0.95) ? rng.range(1, 4096) : rng.range(4096, maxFileSize);
  const line = Buffer.from(`/upload ${target}${name} ${size}\r\n`);
  if (kind === 'over-limit') return { kind, data: line };
  const sent = kind === 'short-then-hang-up' ? rng.int(size) : size;
  return { kind, data: Buffer.concat([line, rng.bytes(sent)]) };
}
