import { isUtf8 } from 'node:buffer';
import { IRC_CLIENT_LINE_BYTES } from './limits.js';

/**
 * Turns the bytes an IRC client sends into lines of text. IRC needs none of the telnet
 * handling of the line protocol's framer: no IAC, no backspace editing, no raw uploads.
 *
 * - CRLF ends a line; so do a lone LF and a lone CR (Modern IRC: "Servers SHOULD handle a
 *   single \n ... and MAY handle a single \r"). Empty lines, including the one between
 *   CR and LF, are ignored as the same text asks.
 * - A line holding a NUL is refused whole: no IRC message may contain one.
 * - A line longer than maxLineBytes (default: 4096 bytes of tags + 510 of message) is
 *   counted, not kept, and refused when it ends. Finer limits (tags versus message) are
 *   parseIrcLine's.
 * - Text is decoded as UTF-8 when it is valid UTF-8, otherwise as windows-1252 (what the
 *   WHATWG Encoding standard means by "latin1": ISO-8859-1 with printable characters for
 *   0x80-0x9f). Older clients still send their locale's 8-bit encoding, and a line of
 *   U+FFFD would lose all of it; relayed on, every line is UTF-8. Each line is judged alone.
 */

export type IrcLineEncoding = 'utf-8' | 'windows-1252';
export type IrcLineRejection = 'too-long' | 'nul';

export interface IrcFramerHandlers {
  /** One line, without its line end; never ''. */
  onLine(line: string, encoding: IrcLineEncoding): void;
  /** A line was refused; `bytes` is its length without the line end. */
  onReject(reason: IrcLineRejection, bytes: number): void;
}

export interface IrcFramerOptions {
  /** Longest line accepted, in bytes, without its line end. */
  maxLineBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;

/** Cached search results (see nextIndexOf): not searched yet / not in the rest of the chunk. */
const UNKNOWN = -2;
const NONE = -1;

/** `cached` still answers if it lies at or after `from`, or the byte is known to be absent. */
function nextIndexOf(chunk: Buffer, byte: number, cached: number, from: number): number {
  return cached === NONE || cached >= from ? cached : chunk.indexOf(byte, from);
}

/**
 * windows-1252 for 0x80-0x9f, where it differs from ISO-8859-1 (the rest is the same).
 * Written out because Node's TextDecoder('windows-1252') decodes these bytes as C1 controls,
 * which sanitizeText would then delete. The five bytes windows-1252 leaves undefined stay
 * C1 controls, as the WHATWG Encoding standard maps them.
 */
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';
const C1 = /[\x80-\x9f]/g;

function windows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(C1, (char) => CP1252_HIGH.charAt(char.charCodeAt(0) - 0x80));
}

const NO_BYTES = Buffer.alloc(0);

function decode(bytes: Buffer): [string, IrcLineEncoding] {
  const text = bytes.toString('utf8');
  // Valid UTF-8 decodes without U+FFFD unless the sender wrote one; only then look closer.
  if (!text.includes('\uFFFD') || isUtf8(bytes)) return [text, 'utf-8'];
  return [windows1252(bytes), 'windows-1252'];
}

export class IrcFramer {
  private readonly maxLineBytes: number;

  /** The pending partial line is buf[0, len); it never grows past maxLineBytes. */
  private buf: Buffer = NO_BYTES;
  private len = 0;
  /** Bytes of the current line when it went over the limit (then nothing is kept), else 0. */
  private overLongBytes = 0;

  // Positions of line ends in the chunk being pushed, so each chunk is searched once per byte value.
  private nextLf = UNKNOWN;
  private nextCr = UNKNOWN;

  constructor(
    private readonly handlers: IrcFramerHandlers,
    options: IrcFramerOptions = {},
  ) {
    const max = options.maxLineBytes ?? IRC_CLIENT_LINE_BYTES;
    if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`maxLineBytes must be a positive integer, got ${max}`);
    this.maxLineBytes = max;
  }

  /** Bytes held for a line not yet ended (0 while an over-long line is being skipped). */
  get pendingBytes(): number {
    return this.len;
  }

  /** Feeds the next bytes received. Handlers run synchronously and must not call push. */
  push(chunk: Buffer): void {
    this.nextLf = this.nextCr = UNKNOWN;
    let start = 0;
    while (start < chunk.length) {
      const end = this.nextLineEnd(chunk, start);
      if (end === NONE) {
        this.keep(chunk, start, chunk.length);
        return;
      }
      this.endLine(chunk, start, end);
      start = end + 1;
    }
  }

  private nextLineEnd(chunk: Buffer, from: number): number {
    const lf = (this.nextLf = nextIndexOf(chunk, LF, this.nextLf, from));
    const cr = (this.nextCr = nextIndexOf(chunk, CR, this.nextCr, from));
    if (lf === NONE) return cr;
    return cr === NONE || lf < cr ? lf : cr;
  }

  /** Holds chunk[start, stop) as part of a line that has not ended yet. */
  private keep(chunk: Buffer, start: number, stop: number): void {
    const count = stop - start;
    if (count === 0) return;
    if (this.overLongBytes > 0) {
      this.overLongBytes += count;
      return;
    }
    const needed = this.len + count;
    if (needed > this.maxLineBytes) {
      // Never delivered, so not worth holding: count the rest and drop what was kept.
      this.overLongBytes = needed;
      this.len = 0;
      return;
    }
    if (needed > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.maxLineBytes, Math.max(needed, this.buf.length * 2, 64)));
      this.buf.copy(grown, 0, 0, this.len);
      this.buf = grown;
    }
    chunk.copy(this.buf, this.len, start, stop);
    this.len = needed;
  }

  /** chunk[start, stop) ends the current line. */
  private endLine(chunk: Buffer, start: number, stop: number): void {
    let line: Buffer;
    if (this.len === 0 && this.overLongBytes === 0) {
      // The usual case: the whole line is in this chunk; read it from there, no copy.
      line = chunk.subarray(start, stop);
      if (line.length > this.maxLineBytes) {
        this.handlers.onReject('too-long', line.length);
        return;
      }
    } else {
      this.keep(chunk, start, stop);
      if (this.overLongBytes > 0) {
        const bytes = this.overLongBytes;
        this.overLongBytes = 0;
        this.handlers.onReject('too-long', bytes);
        return;
      }
      line = this.buf.subarray(0, this.len);
      this.len = 0;
    }
    if (line.length === 0) return;
    if (line.indexOf(NUL) !== -1) {
      this.handlers.onReject('nul', line.length);
      return;
    }
    const [text, encoding] = decode(line);
    this.handlers.onLine(text, encoding);
  }
}
