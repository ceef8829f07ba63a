import { refuse } from '../chat/refusals.js';
import type { ChatStore } from '../store/chat-store.js';
import { nickKey } from '../store/collation.js';
import type { PublicKeyRecord } from '../store/key-store.js';
import type { UserRecord } from '../store/records.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { parsePublicKeyLine } from './public-key.js';

/** Keys one account may have. */
export const MAX_KEYS_PER_USER = 20;

/**
 * The SSH public keys of accounts (`/key add`, `/key list`, `/key remove`), and which
 * account a key logs in to. A key belongs to one account at most.
 */
export class SshKeys {
  constructor(
    private readonly store: ChatStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Binds the key of an OpenSSH public key line to `nick`: INVALID_KEY, KEY_TAKEN or TOO_MANY_KEYS if it cannot be. */
  async add(nick: string, line: string): Promise<PublicKeyRecord> {
    const parsed = await parsePublicKeyLine(line);
    if (!parsed) throw refuse.invalidKey();
    if ((await this.store.listKeys(nick)).length >= MAX_KEYS_PER_USER) throw refuse.tooManyKeys(MAX_KEYS_PER_USER);
    const record: PublicKeyRecord = { ...parsed, nick, addedAt: this.clock.now() };
    if (!(await this.store.addKey(record))) throw refuse.keyTaken(parsed.fingerprint);
    this.logger.info('user.key_added', { nick, fingerprint: parsed.fingerprint, type: parsed.type });
    return record;
  }

  list(nick: string): Promise<PublicKeyRecord[]> {
    return this.store.listKeys(nick);
  }

  /** NO_SUCH_KEY unless `nick` has the key. */
  async remove(nick: string, fingerprint: string): Promise<void> {
    if (!(await this.store.removeKey(nick, fingerprint))) throw refuse.noSuchKey(fingerprint);
    this.logger.info('user.key_removed', { nick, fingerprint });
  }

  /** The account of `nick` if the key with this fingerprint is bound to it, with the key. */
  async accountFor(nick: string, fingerprint: string): Promise<{ user: UserRecord; key: PublicKeyRecord } | undefined> {
    const key = await this.store.findKey(fingerprint);
    if (!key || nickKey(key.nick) !== nickKey(nick)) return undefined;
    const user = await this.store.getUser(nick);
    return user && { user, key };
  }
}
