/** Where a secret turned up: who received it and the bytes around it. */
export interface Leak {
  marker: string;
  receiver: string;
  excerpt: string;
}

const EXCERPT_BYTES = 160;
const LEAKS_KEPT = 5;

/**
 * The texts that must never reach a fuzz connection (the marker in private messages,
 * private-room messages and files, and the private room's name), searched for in every
 * byte such a connection receives.
 */
export class SecretWatch {
  private readonly needles: { name: string; bytes: Buffer }[];
  leaks = 0;
  readonly firstLeaks: Leak[] = [];

  constructor(markers: Record<string, string>) {
    this.needles = Object.entries(markers).map(([name, text]) => ({ name, bytes: Buffer.from(text) }));
  }

  /** Longest marker, in bytes: what a split search must keep of a cut stream. */
  get longest(): number {
    return Math.max(...this.needles.map((needle) => needle.bytes.length));
  }

  /** Looks for every marker in `received` (a run of whole lines) that `receiver` got. */
  scan(received: Buffer, receiver: string): void {
    for (const needle of this.needles) {
      for (let at = received.indexOf(needle.bytes); at !== -1; at = received.indexOf(needle.bytes, at + 1)) {
        this.leaks++;
        if (this.firstLeaks.length < LEAKS_KEPT) {
          const from = Math.max(0, at - EXCERPT_BYTES / 2);
          const excerpt = received.toString('utf8', from, Math.min(received.length, at + needle.bytes.length + EXCERPT_BYTES / 2));
          this.firstLeaks.push({ marker: needle.name, receiver, excerpt: JSON.stringify(excerpt) });
        }
      }
    }
  }
}
