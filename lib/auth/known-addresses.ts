/**
 * Addresses each nick has logged in from successfully, for the login throttle: guessing at
 * a nick from elsewhere must not lock its owner out where they usually log in. Kept in
 * memory (a restart forgets them) and bounded: past MAX_ENTRIES the least recently used go.
 */
const MAX_ENTRIES = 100_000;

export class KnownAddresses {
  /** `nick|address` -> when that nick last logged in from there; insertion order = least recent first. */
  private readonly lastLogin = new Map<string, number>();

  constructor(private readonly forMs: number) {}

  has(nickKey: string, address: string, now: number): boolean {
    const at = this.lastLogin.get(`${nickKey}|${address}`);
    return at !== undefined && now - at <= this.forMs;
  }

  add(nickKey: string, address: string, now: number): void {
    const key = `${nickKey}|${address}`;
    this.lastLogin.delete(key);
    this.lastLogin.set(key, now);
    if (this.lastLogin.size > MAX_ENTRIES) {
      const oldest = this.lastLogin.keys().next();
      if (!oldest.done) this.lastLogin.delete(oldest.value);
    }
  }

  /** Forgets addresses not used for longer than `forMs`. */
  sweep(now: number): void {
    for (const [key, at] of this.lastLogin) {
      // Least recent first: the rest are newer.
      if (now - at <= this.forMs) return;
      this.lastLogin.delete(key);
    }
  }
}
