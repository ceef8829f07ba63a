import type { ChatStore } from '../store/chat-store.js';
import type { UserRecord } from '../store/records.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { ChatError } from '../chat/errors.js';
import { NICK_RULES, isValidNick } from '../chat/names.js';
import { hashPassword, verifyPassword, type ScryptParams } from './password.js';
import { LoginThrottle } from './login-throttle.js';

export interface LoginResult {
  user: UserRecord;
  created: boolean;
}

export const MIN_PASSWORD = 1;
export const MAX_PASSWORD = 256;

/**
 * Registration and login. A new nick is registered with the first password given for it;
 * an existing one must match. Failures are throttled per nick+address and per address.
 */
export class Accounts {
  readonly throttle: LoginThrottle;

  constructor(
    private readonly store: ChatStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly scrypt: ScryptParams,
    throttle?: LoginThrottle,
  ) {
    this.throttle = throttle ?? new LoginThrottle(clock);
  }

  /** Throws ChatError INVALID_NICK; used at the nick prompt before asking for a password. */
  validateNick(nick: string): void {
    if (!isValidNick(nick)) throw new ChatError('INVALID_NICK', `"${nick}" is not a valid nick: ${NICK_RULES}.`);
  }

  async exists(nick: string): Promise<boolean> {
    return (await this.store.getUser(nick)) !== undefined;
  }

  /**
   * A nick to be registered must not pass for a registered one (`vict1m` for `victim`, see
   * lib/chat/nick-skeleton.ts): NICK_LOOKALIKE, naming it. Nicks registered before this
   * rule keep working. Two look-alikes registered at the very same moment can both get
   * through: the rule is against impersonating someone known, who registered earlier.
   */
  async checkNewNick(nick: string, address: string): Promise<void> {
    const twin = await this.store.lookAlike(nick);
    if (twin === undefined) return;
    this.logger.info('login.lookalike_refused', { nick, twin, address });
    throw new ChatError('NICK_LOOKALIKE', `"${nick}" looks too much like the nick ${twin}, which is taken. Pick one that cannot be mistaken for someone else's.`);
  }

  async login(nick: string, password: string, address: string): Promise<LoginResult> {
    this.validateNick(nick);
    if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
      throw new ChatError('INVALID_ARGUMENT', `A password is ${MIN_PASSWORD}-${MAX_PASSWORD} characters.`);
    }
    const keys = [`nick:${nick.toLowerCase()}|${address}`, `addr:${address}`];
    const wait = this.throttle.retryAfter(keys);
    if (wait > 0) {
      this.logger.warn('login.throttled', { nick, address, waitMs: wait });
      throw new ChatError('LOGIN_THROTTLED', `Too many failed logins. Try again in ${Math.ceil(wait / 1000)} s.`);
    }
    const existing = await this.store.getUser(nick);
    if (existing) {
      if (await verifyPassword(password, existing.passwordHash)) {
        this.throttle.recordSuccess(keys);
        return { user: existing, created: false };
      }
      this.throttle.recordFailure(keys);
      this.logger.warn('login.failed', { nick, address });
      throw new ChatError('WRONG_PASSWORD', `Wrong password for ${existing.nick}. Try again, or pick another nick if it is not yours.`);
    }
    await this.checkNewNick(nick, address);
    const user: UserRecord = {
      nick,
      passwordHash: await hashPassword(password, this.scrypt),
      createdAt: this.clock.now(),
      lastSeenAt: null,
      // A new user starts with nothing unread.
      readCursor: await this.store.lastMessageId(),
    };
    if (await this.store.createUser(user)) {
      this.logger.info('user.registered', { nick, address });
      return { user, created: true };
    }
    // Someone registered the same nick a moment ago: log in against theirs.
    return this.login(nick, password, address);
  }
}
