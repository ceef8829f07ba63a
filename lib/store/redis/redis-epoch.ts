import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { Logger } from '../../util/logger.js';
import { StoreHealth, StoreResetError } from '../store-health.js';

/**
 * The epoch of a chat's Redis data: a random value under `<prefix>epoch`, written into an
 * empty store by the first server that starts on it (SET NX), and recorded by every server
 * in its data directory. It tells a store that lost its data from a new one. At start, a
 * server whose record names an epoch the store no longer has refuses to run, unless told
 * to accept the store as it is (`--redis-accept-reset`). While running, the scripts that
 * store messages and create accounts check the epoch (and that the id counter has not gone
 * back) atomically, and the server checks it on every reconnect and every few seconds.
 */
const EPOCH_KEY = 'epoch';

export interface EpochOptions {
  /** Where the server records the epoch it runs on (its --data-dir); without one, a loss is only seen while running. */
  dataDir?: string;
  /** Go on with the store as it is, even if it is not the one recorded (`--redis-accept-reset`). */
  acceptReset?: boolean;
  logger?: Logger;
}

/** What a server records in its data directory. */
interface Recorded {
  redis: string;
  prefix: string;
  epoch: string;
}

/** The flag that accepts a store that lost its data; named in every refusal. */
export const ACCEPT_RESET_FLAG = '--redis-accept-reset';

/**
 * The epoch this server runs on: the store's, once it is the one recorded (or accepted), or
 * a new one for an empty store. Throws an Error of one line, naming the flag, when the
 * store lost the data this server ran on.
 */
export async function establishEpoch(client: Redis, prefix: string, location: string, options: EpochOptions): Promise<string> {
  const key = prefix + EPOCH_KEY;
  const file = options.dataDir === undefined ? undefined : epochFile(options.dataDir, prefix);
  const recorded = file === undefined ? undefined : readRecorded(file);
  const found = await client.get(key);
  if (file !== undefined && recorded !== undefined && found !== recorded.epoch) {
    if (!options.acceptReset) throw new Error(refusal(location, prefix, file, found === null));
    options.logger?.warn('store.reset_accepted', { redis: location, prefix, recorded: recorded.epoch, found: found ?? 'none' });
  }
  let epoch = found;
  if (epoch === null) {
    // Of servers starting at once on an empty store, the first one's epoch counts for all.
    await client.set(key, randomUUID(), 'NX');
    epoch = await client.get(key);
    if (epoch === null) throw new Error(`Redis at ${location} lost ${key} as it was being written: is something flushing it?`);
    options.logger?.info('store.epoch_created', { redis: location, prefix, epoch });
  }
  if (file !== undefined && recorded?.epoch !== epoch) writeRecorded(file, { redis: location, prefix, epoch });
  return epoch;
}

function refusal(location: string, prefix: string, file: string, empty: boolean): string {
  const where = `Redis at ${location} (prefix ${prefix})`;
  const what = empty
    ? `${where} has lost its data: this server ran on it before (see ${file}) and it is empty now (restarted without persistence, or flushed)`
    : `${where} is not the store this server ran on (see ${file}): its data was reset and started again, or it is another chat's`;
  return `${what}. Restore its data, or start with ${ACCEPT_RESET_FLAG} to go on with the store as it is (what it lost is gone).`;
}

/** One file per key prefix, since several chats may share a data directory. */
function epochFile(dataDir: string, prefix: string): string {
  return path.join(dataDir, `redis-epoch-${createHash('sha256').update(prefix).digest('hex').slice(0, 12)}.json`);
}

function readRecorded(file: string): Recorded | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    const value = JSON.parse(text) as Partial<Recorded>;
    if (typeof value.epoch === 'string') return { redis: String(value.redis), prefix: String(value.prefix), epoch: value.epoch };
  } catch {
    // Reported below with the rest.
  }
  throw new Error(`${file} is not a chat-line epoch record: remove it if this server's Redis is known to be intact`);
}

/** Written whole and renamed into place: servers starting at once never read half a file. */
function writeRecorded(file: string, record: Recorded): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(record) + '\n');
  fs.renameSync(temporary, file);
}

/**
 * A running RedisStore's side of the epoch: what its scripts are given to check, what it
 * makes of their `STORE_RESET` refusals, and its StoreHealth (checked on every reconnect).
 */
export class EpochGuard {
  readonly health: StoreHealth;
  /** The highest id this store handed out or read as the newest. */
  private highestSeen = 0;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    readonly epoch: string,
    private readonly location: string,
  ) {
    this.health = new StoreHealth(async () => {
      const code = String(await this.client.chatLineCheckStore(this.prefix, this.epoch, this.floor));
      return code === '' ? undefined : this.describe(code);
    });
    // A connection that comes back may be to a Redis that restarted without its data.
    client.on('ready', () => void this.health.verify());
  }

  /** Ids up to this one were handed out: a store whose counter is below it lost writes. */
  get floor(): number {
    return Math.max(this.highestSeen, this.health.highestKnownId);
  }

  /** An id the store handed out, or reported as its newest. */
  saw(id: number): void {
    if (id > this.highestSeen) this.highestSeen = id;
  }

  /** A script's `STORE_RESET` refusal marks the store lost and becomes StoreResetError; other errors pass as they are. */
  translate(error: unknown): Error {
    if (!(error instanceof Error)) return new Error(String(error));
    const code = /^STORE_RESET (.+)$/.exec(error.message)?.[1];
    if (code === undefined) return error;
    this.health.lose(this.describe(code));
    return new StoreResetError(this.health.lost ?? code);
  }

  /** For the log and /healthz. */
  private describe(code: string): string {
    const where = `Redis at ${this.location} (prefix ${this.prefix})`;
    if (code === 'gone') return `${where} lost its data: it restarted without persistence, or was flushed`;
    if (code === 'replaced') return `${where} was reset and started again meanwhile (its epoch changed)`;
    const last = /^rolled-back (\d+)$/.exec(code)?.[1] ?? '?';
    return `${where} lost its latest writes: its last message id went back to ${last}, below ${this.floor} already handed out`;
  }
}
