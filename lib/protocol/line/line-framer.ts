/**
 * Turns the raw bytes of a connection into lines of text.
 *
 * Peers are telnet clients (which interleave IAC negotiation with the text, may send
 * one character at a time and edit with backspace) and plain `nc` or the chat-line
 * client (which send whole lines). Both go through here; nothing else in the server
 * looks at bytes.
 */
import { NONE, nextIndexOf, utf8SequenceLength } from './byte-scan.js';
import { TELNET } from './telnet-codes.js';

export interface LineFramerOptions {
  /** Longest line content accepted, in bytes; longer lines are dropped and reported. */
  maxLineBytes: number;
}

export interface LineFramerHandlers {
  /** One complete decoded line, without its terminator. May be ''. */
  onLine(text: string): void;
  /**
   * A line exceeded maxLineBytes. Called once per over-long line, when it finally
   * ends; `bytes` is the total content bytes seen for it.
   */
  onTooLong(bytes: number): void;
  /**
   * A telnet command was consumed. DO/DONT/WILL/WONT and SB carry their option;
   * two-byte commands (IP, AYT, ...) don't.
   */
  onTelnet?(command: number, option: number | undefined): void;
  /** Bytes asked for with `readRaw`, as they arrive, uninterpreted (a view of the chunk pushed). */
  onRaw?(bytes: Buffer): void;
  /** The last of the bytes asked for with `readRaw` has been handed over; lines follow again. */
  onRawEnd?(): void;
}

const NUL = 0x00;
const BS = 0x08;
const LF = 0x0a;
const CR = 0x0d;
const DEL = 0x7f;
const { IAC, SE, SB, WILL, DONT, IP, AO, BRK, EC, EL } = TELNET;

/** Where the telnet parser is; anything but DATA means the next byte is not text. */
const enum Telnet {
  DATA,
  /** Saw IAC; the next byte is the command. */
  COMMAND,
  /** Saw IAC WILL/WONT/DO/DONT; the next byte is the option. */
  OPTION,
  /** Saw IAC SB; the next byte is the option. */
  SB_OPTION,
  /** Inside a subnegotiation: everything up to IAC SE is swallowed. */
  SB_DATA,
  /** Saw IAC inside a subnegotiation. */
  SB_IAC,
}

/** Cached search result: not searched yet in this chunk (NONE: not present in the rest of it). */
const UNKNOWN = -2;

/**
 * Below this size a chunk is scanned byte by byte: five native indexOf calls cost more
 * than a short loop for the one-character packets of a character-mode telnet client.
 */
const SMALL_CHUNK = 32;

/** Bytes that interrupt a run of plain text. */
const IS_SPECIAL = new Uint8Array(256);
for (const byte of [LF, CR, BS, DEL, IAC]) IS_SPECIAL[byte] = 1;

/** Shared by every framer until it needs to keep part of a line: a Buffer costs about 180 bytes. */
const NO_BYTES = Buffer.alloc(0);

export class LineFramer {
  private readonly maxLineBytes: number;
  private readonly handlers: LineFramerHandlers;

  /**
   * The pending partial line is buf[0, len). Capacity never exceeds maxLineBytes. Whole
   * lines are decoded straight from the chunk, so most framers never need their own.
   */
  private buf: Buffer = NO_BYTES;
  private len = 0;
  /** The current line went over the limit: its content is being counted, not kept. */
  private overLong = false;
  private overLongBytes = 0;
  /** The previous line ended with CR: a following LF or NUL belongs to that line end. */
  private afterCr = false;

  private state = Telnet.DATA;
  private command = 0;
  private subOption = 0;
  private telnetSeen = false;
  /** A line ended with CR (CRLF, CR NUL): telnet's line mode does that; nc sends LF. */
  private crSeen = false;
  /** Bytes still to hand to `onRaw` before lines resume (see readRaw). */
  private rawLeft = 0;

  // Positions of the special bytes in the chunk being pushed (see nextIndexOf).
  private nextLf = UNKNOWN;
  private nextCr = UNKNOWN;
  private nextBs = UNKNOWN;
  private nextDel = UNKNOWN;
  private nextIac = UNKNOWN;

  constructor(options: LineFramerOptions, handlers: LineFramerHandlers) {
    if (!Number.isSafeInteger(options.maxLineBytes) || options.maxLineBytes < 1) {
      throw new RangeError(`maxLineBytes must be a positive integer, got ${options.maxLineBytes}`);
    }
    this.maxLineBytes = options.maxLineBytes;
    this.handlers = handlers;
  }

  /** true once any IAC sequence was seen: the peer is a telnet client */
  get isTelnet(): boolean {
    return this.telnetSeen;
  }

  /**
   * true once a line ended with CR: a terminal in telnet's line mode, which negotiates
   * nothing on a port other than 23 (nc, scripts and the chat-line client end lines with LF).
   */
  get endsLinesWithCr(): boolean {
    return this.crSeen;
  }

  /** bytes currently buffered for an incomplete line */
  get pendingBytes(): number {
    return this.len;
  }

  /** bytes still to come before lines resume, after readRaw */
  get rawBytesLeft(): number {
    return this.rawLeft;
  }

  /**
   * Hands the next `bytes` bytes to `handlers.onRaw` exactly as they arrive (no telnet, no
   * line ends: file uploads), then goes back to lines. Call it from the `line` handler, so
   * the bytes start right after that line's end; a line ended with CR takes a following LF
   * as part of its end, so clients must end such a line with LF or CRLF.
   */
  readRaw(bytes: number): void {
    if (!Number.isSafeInteger(bytes) || bytes < 1) throw new RangeError(`readRaw needs a positive byte count, got ${bytes}`);
    if (this.len > 0 || this.overLong || this.state !== Telnet.DATA || this.rawLeft > 0) {
      throw new Error('readRaw must be called between lines');
    }
    this.rawLeft = bytes;
  }

  /** Feeds the next bytes received. Handlers run synchronously; they must not call push. */
  push(chunk: Buffer): void {
    this.nextLf = this.nextCr = this.nextBs = this.nextDel = this.nextIac = UNKNOWN;
    const end = chunk.length;
    let pos = 0;
    while (pos < end) {
      if (this.state !== Telnet.DATA) {
        pos = this.telnetByte(chunk, pos);
        continue;
      }
      if (this.rawLeft > 0) {
        pos = this.rawBytes(chunk, pos);
        continue;
      }
      if (this.afterCr) {
        const byte = chunk[pos];
        // A telnet command between CR and LF is out of band: keep waiting for the LF.
        if (byte !== IAC) {
          this.afterCr = false;
          if (byte === LF || byte === NUL) {
            pos++;
            continue;
          }
        }
      }
      const stop = this.findSpecial(chunk, pos);
      if (stop === end) {
        this.append(chunk, pos, end);
        return;
      }
      switch (chunk[stop]) {
        case LF:
          this.endLine(chunk, pos, stop);
          break;
        case CR:
          this.endLine(chunk, pos, stop);
          this.afterCr = true;
          this.crSeen = true;
          break;
        case IAC:
          this.append(chunk, pos, stop);
          this.telnetSeen = true;
          this.state = Telnet.COMMAND;
          break;
        default: // BS or DEL
          this.append(chunk, pos, stop);
          this.eraseChar();
      }
      pos = stop + 1;
    }
  }

  /** Hands over raw bytes from `pos` (rawLeft > 0); returns the next position. */
  private rawBytes(chunk: Buffer, pos: number): number {
    if (this.afterCr) {
      // The LF of the CRLF that ended the line before the bytes.
      this.afterCr = false;
      if (chunk[pos] === LF) return pos + 1;
    }
    const take = Math.min(this.rawLeft, chunk.length - pos);
    this.rawLeft -= take;
    this.handlers.onRaw?.(chunk.subarray(pos, pos + take));
    if (this.rawLeft === 0) this.handlers.onRawEnd?.();
    return pos + take;
  }

  /** Index of the next LF, CR, BS, DEL or IAC at or after `from`, or chunk.length. */
  private findSpecial(chunk: Buffer, from: number): number {
    const end = chunk.length;
    if (end <= SMALL_CHUNK) {
      for (let i = from; i < end; i++) {
        if (IS_SPECIAL[chunk[i] ?? 0] === 1) return i;
      }
      return end;
    }
    let first = end;
    const lf = (this.nextLf = nextIndexOf(chunk, LF, this.nextLf, from));
    if (lf !== NONE) first = lf;
    const cr = (this.nextCr = nextIndexOf(chunk, CR, this.nextCr, from));
    if (cr !== NONE && cr < first) first = cr;
    const iac = (this.nextIac = nextIndexOf(chunk, IAC, this.nextIac, from));
    if (iac !== NONE && iac < first) first = iac;
    const bs = (this.nextBs = nextIndexOf(chunk, BS, this.nextBs, from));
    if (bs !== NONE && bs < first) first = bs;
    const del = (this.nextDel = nextIndexOf(chunk, DEL, this.nextDel, from));
    if (del !== NONE && del < first) first = del;
    return first;
  }

  /** Consumes telnet bytes at `pos` (state is not DATA); returns the next position. */
  private telnetByte(chunk: Buffer, pos: number): number {
    const byte = chunk[pos] ?? 0;
    switch (this.state) {
      case Telnet.COMMAND:
        if (byte === IAC) {
          // IAC IAC is an escaped 0xff data byte.
          this.state = Telnet.DATA;
          this.afterCr = false;
          this.appendByte(IAC);
        } else if (byte >= WILL && byte <= DONT) {
          this.command = byte;
          this.state = Telnet.OPTION;
        } else if (byte === SB) {
          this.state = Telnet.SB_OPTION;
        } else {
          this.state = Telnet.DATA;
          this.twoByteCommand(byte);
        }
        return pos + 1;
      case Telnet.OPTION:
        this.state = Telnet.DATA;
        this.handlers.onTelnet?.(this.command, byte);
        return pos + 1;
      case Telnet.SB_OPTION:
        this.subOption = byte;
        this.state = Telnet.SB_DATA;
        return pos + 1;
      case Telnet.SB_DATA: {
        // Subnegotiation payload (terminal type, window size) is not needed: skip to IAC.
        const iac = (this.nextIac = nextIndexOf(chunk, IAC, this.nextIac, pos));
        if (iac === NONE) return chunk.length;
        this.state = Telnet.SB_IAC;
        return iac + 1;
      }
      case Telnet.SB_IAC:
        if (byte === IAC) {
          this.state = Telnet.SB_DATA; // escaped 0xff inside the payload
          return pos + 1;
        }
        this.handlers.onTelnet?.(SB, this.subOption);
        if (byte === SE) {
          this.state = Telnet.DATA;
          return pos + 1;
        }
        // IAC <command> without SE: a broken client. End the subnegotiation here
        // rather than swallowing the rest of the session, and read the command.
        this.state = Telnet.COMMAND;
        return pos;
      case Telnet.DATA:
        throw new Error('unreachable: telnetByte called in DATA state');
    }
  }

  private twoByteCommand(command: number): void {
    switch (command) {
      case IP: // Ctrl+C
      case AO:
      case BRK:
      case EL:
        this.discardLine();
        break;
      case EC:
        this.eraseChar();
        break;
    }
    this.handlers.onTelnet?.(command, undefined);
  }

  /** The line content chunk[start, stop) is followed by a line end. */
  private endLine(chunk: Buffer, start: number, stop: number): void {
    if (this.len === 0 && !this.overLong && stop - start <= this.maxLineBytes) {
      // The whole line is in this chunk: decode it straight from there, no copy.
      this.handlers.onLine(chunk.toString('utf8', start, stop));
      return;
    }
    this.append(chunk, start, stop);
    if (this.overLong) {
      const bytes = this.overLongBytes;
      this.overLong = false;
      this.overLongBytes = 0;
      this.handlers.onTooLong(bytes);
      return;
    }
    const text = this.buf.toString('utf8', 0, this.len);
    this.len = 0;
    this.handlers.onLine(text);
  }

  private append(chunk: Buffer, start: number, stop: number): void {
    const count = stop - start;
    if (count === 0 || !this.reserve(count)) return;
    chunk.copy(this.buf, this.len, start, stop);
    this.len += count;
  }

  private appendByte(byte: number): void {
    if (!this.reserve(1)) return;
    this.buf[this.len++] = byte;
  }

  /**
   * Makes room for `count` more content bytes. Returns false when the line is (now)
   * over the limit, in which case the bytes are only counted.
   */
  private reserve(count: number): boolean {
    if (this.overLong) {
      this.overLongBytes += count;
      return false;
    }
    const needed = this.len + count;
    if (needed > this.maxLineBytes) {
      // Drop what was kept: an over-long line is never delivered, so holding it is waste.
      this.overLong = true;
      this.overLongBytes = needed;
      this.len = 0;
      return false;
    }
    if (needed > this.buf.length) {
      const capacity = Math.min(this.maxLineBytes, Math.max(needed, this.buf.length * 2, 64));
      const grown = Buffer.allocUnsafe(capacity);
      this.buf.copy(grown, 0, 0, this.len);
      this.buf = grown;
    }
    return true;
  }

  /** IP, AO, BRK and EL abandon the line being typed; it is neither delivered nor reported. */
  private discardLine(): void {
    this.len = 0;
    this.overLong = false;
    this.overLongBytes = 0;
  }

  /**
   * Backspace: removes the last character (a whole UTF-8 sequence) of the pending
   * line. An over-long line is already lost, so there is nothing to edit.
   */
  private eraseChar(): void {
    if (this.overLong || this.len === 0) return;
    const buf = this.buf;
    const last = this.len - 1;
    // Walk back over at most 3 continuation bytes to the byte that starts the character.
    let start = last;
    const limit = Math.max(0, this.len - 4);
    while (start > limit && ((buf[start] ?? 0) & 0xc0) === 0x80) start--;
    const sequenceLength = utf8SequenceLength(buf[start] ?? 0);
    // A valid (or truncated) sequence goes as a whole; stray bytes go one at a time,
    // just as the decoder would have shown each as its own U+FFFD.
    this.len = sequenceLength > 1 && last - start < sequenceLength ? start : last;
  }
}
