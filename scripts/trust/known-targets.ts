import type { Rng } from './prng.js';

/** A list that keeps only its newest `capacity` entries. */
class Recent {
  private readonly items: string[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  add(item: string): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
  }

  get size(): number {
    return this.items.length;
  }

  pick(rng: Rng): string | undefined {
    return this.items.length === 0 ? undefined : rng.pick(this.items);
  }
}

/**
 * What an attacker could know, shared by all fuzz connections: the fuzz users and rooms,
 * the users the script watches, ids and join links learned from traffic, and "stolen"
 * ones: ids of private messages and files and a real join link of the private room, as
 * if they had leaked some other way. Commands on those must answer as for ids that do
 * not exist; only the private room's name is never handed out (it is a secret marker).
 */
export class KnownTargets {
  private readonly stolenIds = new Recent(64);
  private readonly stolenFileIds = new Recent(16);
  private readonly learnedIds = new Recent(256);
  private readonly learnedFileIds = new Recent(64);
  private readonly links = new Recent(32);

  constructor(
    /** Nicks of the fuzz accounts, any of which may be attacked in any way. */
    readonly fuzzNicks: readonly string[],
    /** Nicks of the watched sessions: only named by commands that cannot silence them (no /ban, /kick, /mute). */
    readonly watchedNicks: readonly string[],
    /** Public rooms the fuzz users wander between. */
    readonly rooms: readonly string[],
  ) {}

  stealId(id: string): void {
    this.stolenIds.add(id);
  }

  stealFileId(id: string): void {
    this.stolenFileIds.add(id);
  }

  learnId(id: string): void {
    this.learnedIds.add(id);
  }

  learnFileId(id: string): void {
    this.learnedFileIds.add(id);
  }

  learnLink(link: string): void {
    this.links.add(link);
  }

  /** A message id someone might try: stolen, learned, or undefined (make one up). */
  messageId(rng: Rng): string | undefined {
    return rng.chance(0.4) ? this.stolenIds.pick(rng) : this.learnedIds.pick(rng);
  }

  fileId(rng: Rng): string | undefined {
    return rng.chance(0.5) ? this.stolenFileIds.pick(rng) : this.learnedFileIds.pick(rng);
  }

  link(rng: Rng): string | undefined {
    return this.links.pick(rng);
  }

  /** Picks message, scheduled-message and file ids and join links out of text a fuzz connection received. */
  learnFrom(text: string): void {
    for (const match of text.matchAll(/ \[([0-9a-z]{1,12})\] /g)) if (match[1]) this.learnId(match[1]);
    for (const match of text.matchAll(/-- scheduled ([0-9a-z]{1,12}) /g)) if (match[1]) this.learnId(match[1]);
    for (const match of text.matchAll(/sent file ([0-9a-z]{1,32}):/g)) if (match[1]) this.learnFileId(match[1]);
    for (const match of text.matchAll(/chat:\/\/\S+\/join\/[\w-]+/g)) this.learnLink(match[0]);
  }

  get stolenCount(): number {
    return this.stolenIds.size + this.stolenFileIds.size;
  }
}
