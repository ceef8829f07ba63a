import type { MessageRecord } from '../../store/records.js';
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

/**
 * Ids as users see them. Internally messages (and scheduled messages) are numbered by one
 * sequence for the whole chat: storage, read cursors and delivery order rely on it. Shown
 * as such, the numbers would tell anyone how much traffic they do not see (a jump from
 * [40] to [47] in a room means six messages elsewhere, private ones included). So users see
 * an opaque id instead: a keyed pseudorandom permutation of the number, which only the
 * server can turn back, of a fixed length, so it gives away neither the order nor the count.
 *
 * The permutation is a balanced Feistel network whose round function is HMAC-SHA256 under
 * a key derived from the chat's secret and the kind of id: the value for half `x` in round
 * `r` is the (x mod 8)-th 32-bit word of the HMAC of (r, domain, x div 8), so one HMAC
 * gives the values of eight neighbouring halves (see `cached`). Numbers below 2^36 use a 36-bit
 * domain shown as 7 base-36 characters (36^7 > 2^36); larger ones, should a chat ever get
 * there, a 52-bit domain shown as 11 characters. The length tells which, so each number has
 * exactly one form.
 */

interface Domain {
  /** Bits in each half of the Feistel network. */
  readonly halfBits: number;
  /** Characters of the shown form. */
  readonly length: number;
  /** Numbers from here up to 2^(2 halfBits) use this domain. */
  readonly from: number;
}

const SMALL: Domain = { halfBits: 18, length: 7, from: 1 };
const LARGE: Domain = { halfBits: 26, length: 11, from: 2 ** 36 };
const DOMAINS = [SMALL, LARGE] as const;

/**
 * Six rounds: four already make a pseudorandom permutation in theory, the other two are
 * margin for halves this small. Each is one HMAC (about 1.6 µs) unless cached.
 */
const ROUNDS = 6;

/** Round values one HMAC gives: its 32 bytes as 32-bit words. */
const WORDS = 8;

/** Marks a round value not worked out yet (values are below 2^18). */
const UNKNOWN = -1;

const SHOWN_FORM = /^[0-9a-z]+$/;

/** A new random secret for a chat's ids, as kept in its settings. */
export function newIdSecret(): string {
  return randomBytes(32).toString('hex');
}

/** Turns internal numbers into the ids users see and back, for one kind of id. */
export class OpaqueIds {
  private readonly key: KeyObject;
  /** Reused for every round's input: round, domain, half. */
  private readonly input = Buffer.alloc(6);
  /** Round values of the small domain worked out so far, per round; made on first use. */
  private readonly tables: (Int32Array | undefined)[] = [];

  /**
   * `purpose` keeps kinds apart (the same number gives unrelated ids); `prefix` is shown in
   * front of every id of this kind, so ids of different kinds cannot be taken for each other.
   *
   * `cached` keeps every round value of the small domain once worked out, up to 1 MiB a
   * round (2^18 of them). Six HMACs a message nearly halved the messages a server could
   * fan out (bench W1: 56,000 -> 31,000 msgs/s). Cached, the first round (whose input is
   * the low half of the number, which counts up) costs an HMAC every eight messages, and
   * the others fewer and fewer as their tables fill: after 100,000 messages, one in twenty.
   * For message ids; scheduled ones are too few to be worth the memory.
   */
  constructor(
    secret: string,
    purpose: string,
    readonly prefix = '',
    private readonly cached = false,
  ) {
    this.key = createSecretKey(createHmac('sha256', secret).update(purpose).digest());
  }

  /** The id users see for the internal number `id` (a positive safe integer below 2^52). */
  encode(id: number): string {
    const domain = id >= LARGE.from ? LARGE : SMALL;
    if (!Number.isSafeInteger(id) || id < SMALL.from || id >= 2 ** (2 * LARGE.halfBits)) throw new RangeError(`no shown form for id ${id}`);
    return this.prefix + this.permute(id, domain, true).toString(36).padStart(domain.length, '0');
  }

  /** The internal number of a shown id (`[` `]` around it and upper case allowed), or undefined if it is none. */
  decode(text: string): number | undefined {
    const clean = text.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    if (!clean.startsWith(this.prefix)) return undefined;
    const body = clean.slice(this.prefix.length);
    const domain = DOMAINS.find((d) => d.length === body.length);
    if (!domain || !SHOWN_FORM.test(body)) return undefined;
    const value = parseInt(body, 36);
    if (value >= 2 ** (2 * domain.halfBits)) return undefined;
    const id = this.permute(value, domain, false);
    // A number is shown in its own domain only: anything else is not an id we gave out.
    const own = id >= LARGE.from ? LARGE : SMALL;
    return id >= SMALL.from && own === domain ? id : undefined;
  }

  /** The Feistel network forwards (encoding) or backwards (decoding). */
  private permute(value: number, domain: Domain, forwards: boolean): number {
    const size = 2 ** domain.halfBits;
    let left = Math.floor(value / size);
    let right = value % size;
    for (let i = 0; i < ROUNDS; i++) {
      if (forwards) [left, right] = [right, (left ^ this.round(i, domain, right)) >>> 0];
      else [left, right] = [(right ^ this.round(ROUNDS - 1 - i, domain, left)) >>> 0, left];
    }
    return left * size + right;
  }

  private round(round: number, domain: Domain, half: number): number {
    const slot = half % WORDS;
    if (!this.cached || domain !== SMALL) return this.words(round, domain, half - slot).readUInt32BE(slot * 4) % 2 ** domain.halfBits;
    const table = (this.tables[round] ??= new Int32Array(2 ** SMALL.halfBits).fill(UNKNOWN));
    const value = table[half] ?? UNKNOWN;
    if (value !== UNKNOWN) return value;
    const first = half - slot;
    const words = this.words(round, domain, first);
    for (let i = 0; i < WORDS; i++) table[first + i] = words.readUInt32BE(i * 4) % 2 ** domain.halfBits;
    return table[half] ?? UNKNOWN;
  }

  /** The HMAC that gives the round values of the eight halves from `first` on. */
  private words(round: number, domain: Domain, first: number): Buffer {
    this.input.writeUInt8(round, 0);
    this.input.writeUInt8(domain.halfBits, 1);
    this.input.writeUInt32BE(first / WORDS, 2);
    return createHmac('sha256', this.key).update(this.input).digest();
  }
}

/** The kinds of ids a chat shows, all from its one secret. */
export interface ShownIds {
  /** Messages: `[hxdbrws]`. */
  readonly messages: OpaqueIds;
  /** Scheduled messages, which have a sequence of their own: `s…`, never mistaken for a message id. */
  readonly scheduled: OpaqueIds;
}

export function shownIds(secret: string): ShownIds {
  return { messages: new OpaqueIds(secret, 'message ids', '', true), scheduled: new OpaqueIds(secret, 'scheduled message ids', 's') };
}

/** A message's id and the id it replies to, as users see them. */
export interface ShownMessageIds {
  id: string;
  parent: string | null;
}

/** Worked out once per message, however many lines and readers it has: each id costs a few HMACs. */
export function shownIdsOf(message: Pick<MessageRecord, 'id' | 'parentId'>, ids: OpaqueIds): ShownMessageIds {
  return { id: ids.encode(message.id), parent: message.parentId === null ? null : ids.encode(message.parentId) };
}
