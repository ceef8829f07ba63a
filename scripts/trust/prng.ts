/**
 * A small seeded pseudo-random generator (sfc32), so a run can be repeated with --seed:
 * the same seed gives the same sequence of choices (what the server makes of them still
 * depends on timing). Not for anything secret.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    // Two seeds that differ in one bit must not give similar sequences: mix, then warm up.
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = (seed ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
    this.a ^= Math.imul(seed >>> 0, 0xc2b2ae35);
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** A generator of its own for part of the work (a connection, a round), derived from this one. */
  fork(stream: number): Rng {
    return new Rng(this.nextUint32(), stream);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A whole number in [min, max]. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** One of the entries, each as likely as its weight. */
  weighted<T>(entries: readonly (readonly [weight: number, value: T])[]): T {
    let total = 0;
    for (const [weight] of entries) total += weight;
    let roll = this.next() * total;
    for (const [weight, value] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[1];
  }

  /** A length that is usually small and now and then large: geometric-like, capped. */
  length(typical: number, max: number): number {
    const n = Math.floor(-Math.log(1 - this.next()) * typical);
    return Math.min(n, max);
  }

  /** `n` random bytes. */
  bytes(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let i = 0;
    for (; i + 4 <= n; i += 4) out.writeUInt32LE(this.nextUint32(), i);
    for (; i < n; i++) out[i] = this.nextUint32() & 0xff;
    return out;
  }

  /** Lower-case letters and digits: ids, tokens, names. */
  word(length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet.charAt(this.int(alphabet.length));
    return text;
  }
}
