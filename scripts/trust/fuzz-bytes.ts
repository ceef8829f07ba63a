import type { Rng } from './prng.js';

const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;
const BS = 0x08;
const DEL = 0x7f;
const ESC = 0x1b;
/** Telnet (RFC 854): IAC and the commands that follow it. */
const IAC = 255;
const DONT = 254;
const DO = 253;
const WONT = 252;
const WILL = 251;
const SB = 250;
const EL = 248;
const EC = 247;
const AYT = 246;
const AO = 245;
const IP = 244;
const NOP = 241;
const SE = 240;
const TELNET_COMMANDS = [DONT, DO, WONT, WILL, SB, EL, EC, AYT, AO, IP, NOP, SE, 242, 243, 249];
/** Options a client might ask for: echo, suppress go-ahead, timing mark, terminal type, window size, linemode. */
const TELNET_OPTIONS = [1, 3, 6, 24, 31, 34, 0, 255];

/** Bytes that are special to a line protocol, a telnet peer or a UTF-8 decoder. */
const SPECIAL = [CR, LF, NUL, BS, DEL, ESC, IAC, SB, SE, WILL, DO, IP, EC, EL, 0x80, 0xbf, 0xc0, 0xc1, 0xf5, 0xfe, 0x2f, 0x20, 0x09, 0x07, 0x9b];

/** Short byte strings worth repeating: invalid or tricky UTF-8 and terminal sequences. */
const SNIPPETS: readonly Buffer[] = [
  Buffer.from([0xc0, 0xaf]), // overlong '/'
  Buffer.from([0xe0, 0x80, 0xaf]), // overlong, three bytes
  Buffer.from([0xed, 0xa0, 0x80]), // a UTF-16 surrogate encoded
  Buffer.from([0xf4, 0x90, 0x80, 0x80]), // above U+10FFFF
  Buffer.from([0xf0, 0x9f, 0x98]), // an emoji cut short
  Buffer.from([0xe2, 0x80, 0xae]), // RIGHT-TO-LEFT OVERRIDE
  Buffer.from([0xd0]), // the first half of a Cyrillic letter
  Buffer.from('\x1b[31m\x1b]0;title\x07\x1b[2J'),
  Buffer.from([CR, NUL]),
  Buffer.from([CR, LF]),
  Buffer.from([IAC, IAC]),
  Buffer.from([IAC, DO, 6]), // timing mark, as telnet sends after Ctrl+C
  Buffer.from([IAC, IP, IAC, DO, 6]),
  Buffer.from([IAC, WILL, 31, IAC, SB, 31, 0, 80, 0, 24, IAC, SE]), // window size
  Buffer.from([IAC, SB, 24, 0]), // a subnegotiation that never ends
  Buffer.from('/login '),
  Buffer.from('/upload '),
];

/**
 * Random byte sequences biased to what matters: line ends, NUL, backspace, telnet
 * commands and negotiation, invalid UTF-8, escape sequences, and lines over the limit.
 * A sequence may or may not end with a line end, so it may run into whatever comes next.
 */
export function garbageBytes(rng: Rng, maxLine: number): Buffer {
  const roll = rng.next();
  let length: number;
  if (roll < 0.9) length = rng.range(1, 80);
  else if (roll < 0.97) length = rng.range(80, maxLine);
  else if (roll < 0.995) length = rng.range(maxLine + 1, maxLine * 3);
  else length = rng.range(maxLine * 3, 100_000);
  if (length > maxLine) return overLongLine(rng, length);
  const parts: Buffer[] = [];
  let size = 0;
  while (size < length) {
    const part = piece(rng);
    parts.push(part);
    size += part.length;
  }
  if (rng.chance(0.6)) parts.push(Buffer.from(rng.pick([[LF], [CR, LF], [CR], [CR, NUL]])));
  return Buffer.concat(parts);
}

function piece(rng: Rng): Buffer {
  const roll = rng.next();
  if (roll < 0.35) return Buffer.from([rng.pick(SPECIAL)]);
  if (roll < 0.45) return Buffer.from([IAC, rng.pick(TELNET_COMMANDS), rng.pick(TELNET_OPTIONS)]);
  if (roll < 0.55) return rng.pick(SNIPPETS);
  if (roll < 0.75) return rng.bytes(rng.range(1, 16));
  // Printable ASCII: a long run of it only shows up in the over-long lines.
  return Buffer.from(rng.word(rng.range(1, 24), 'abcdefghijklmnopqrstuvwxyz ABC/#@0123456789'));
}

/** One line of `length` bytes and its line end: random bytes but for line ends and IAC, which would cut it short. */
function overLongLine(rng: Rng, length: number): Buffer {
  const body = rng.bytes(length);
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (byte === CR || byte === LF || byte === IAC) body[i] = 0x78;
  }
  return Buffer.concat([body, Buffer.from([CR, LF])]);
}
