import type { ChatStore } from '../store/chat-store.js';
import type { UserRecord } from '../store/records.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { NICK_RULES, isValidNick } from '../chat/text/names.js';
import { formatSpan } from '../util/date-text.js';
import { formatWhen } from '../util/time-text.js';
import { DEFAULT_MIN_NEW_PASSWORD, checkNewPassword, checkPasswordLength, type PasswordHasher } from './password.js';
import { LoginThrottle, type Refusal } from './login-throttle.js';
import { DEFAULT_REGISTRATION_LIMITS, RegistrationThrottle } from './registration-throttle.js';
import { refuse, refusalOf } from '../chat/refusals.js';
import { SshKeys } from './ssh-keys.js';
import { BusyLog } from './busy-log.js';

export interface LoginResult {
  user: UserRecord;
  created: boolean;
}


/** The throttles and rules an Accounts uses; by default the built-in limits on the given clock. */
export interface AccountOptions {
  login?: LoginThrottle;
  registration?: RegistrationThrottle;
  /** The shortest new password (registration, /password); existing ones log in whatever their length. */
  minPasswordLength?: number;
  /**
   * Whether someone without an account is connected under `nick` now (an IRC guest, on
   * this server or another): such a nick cannot be registered from elsewhere meanwhile.
   */
  nickInUse?: (nick: string) => boolean;
}

/**
 * Registration and login. A new nick is registered with the first password given for it;
 * an existing one must match. Password checks are throttled (login-throttle.ts) and
 * registrations limited per address (registration-throttle.ts), both reserved before any
 * hashing, so that attempts sent at once cannot all get through.
 */
export class Accounts {
  /** The SSH public keys of accounts. */
  readonly keys: SshKeys;
  private readonly throttle: LoginThrottle;
  private readonly registrations: RegistrationThrottle;
  readonly minPasswordLength: number;
  private readonly nickInUse: (nick: string) => boolean;
  private readonly busyLog: BusyLog;

  constructor(
    private readonly store: ChatStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly passwords: PasswordHasher,
    options: AccountOptions = {},
  ) {
    this.throttle = options.login ?? new LoginThrottle(clock);
    this.registrations = options.registration ?? new RegistrationThrottle(clock, DEFAULT_REGISTRATION_LIMITS);
    this.minPasswordLength = options.minPasswordLength ?? DEFAULT_MIN_NEW_PASSWORD;
    this.keys = new SshKeys(store, clock, logger);
    this.nickInUse = options.nickInUse ?? (() => false);
    this.busyLog = new BusyLog(clock, logger);
  }

  /** Throws ChatError INVALID_NICK; used at the nick prompt before asking for a password. */
  validateNick(nick: string): void {
    if (!isValidNick(nick)) throw refuse.invalidNick(nick, NICK_RULES);
  }


  async exists(nick: string): Promise<boolean> {
    return (await this.store.getUser(nick)) !== undefined;
  }

  /**
   * A nick to be registered must not pass for a registered one (`vict1m` for `victim`, see
   * lib/store/nick-skeleton.ts): NICK_LOOKALIKE, naming it. Nicks registered before this
   * rule keep working. Two look-alikes registered at the very same moment can both get
   * through: the rule is against impersonating someone known, who registered earlier.
   */
  async checkNewNick(nick: string, address: string, options: { holder?: boolean } = {}): Promise<void> {
    if (!options.holder && this.nickInUse(nick)) throw refuse.nickInUse(nick);
    const twin = await this.store.lookAlike(nick);
    if (twin === undefined) return;
    this.logger.info('login.lookalike_refused', { nick, twin, address });
    throw refuse.nickLookalike(nick, twin);
  }

  async login(nick: string, password: string, address: string): Promise<LoginResult> {
    this.validateNick(nick);
    checkPasswordLength(password);
    const existing = await this.store.getUser(nick);
    if (existing) return { user: await this.checkPassword(existing, password, address), created: false };
    await this.checkNewNick(nick, address);
    checkNewPassword(password, this.minPasswordLength);
    const user = await this.register(nick, password, address);
    // Someone registered the same nick a moment ago: log in against theirs.
    return user ? { user, created: true } : this.login(nick, password, address);
  }

  /**
   * Registers a nick that must be new (IRC's REGISTER, `/msg *server* register`), with no
   * login to an existing account: NICK_IN_USE if it is taken. `holder`: the caller is the
   * guest connected under that nick, which may register it.
   */
  async createAccount(nick: string, password: string, address: string, options: { holder?: boolean } = {}): Promise<UserRecord> {
    this.validateNick(nick);
    checkPasswordLength(password);
    if (await this.exists(nick)) throw refuse.nickRegistered(nick);
    await this.checkNewNick(nick, address, options);
    const user = await this.register(nick, password, address);
    if (!user) throw refuse.nickRegistered(nick);
    return user;
  }

  /**
   * `/password <old> <new>`: the current password must match, as at login, so a terminal
   * left logged in does not hand the account over.
   */
  async changePassword(nick: string, oldPassword: string, newPassword: string): Promise<void> {
    checkNewPassword(newPassword, this.minPasswordLength);
    const user = await this.store.getUser(nick);
    if (!user || !(await this.passwords.verify(oldPassword, user.passwordHash))) {
      throw refuse.wrongOldPassword();
    }
    await this.store.setPasswordHash(nick, await this.passwords.hash(newPassword));
    this.logger.info('user.password_changed', { nick });
  }

  private async checkPassword(user: UserRecord, password: string, address: string): Promise<UserRecord> {
    const reservation = this.throttle.reserve(user.nick, address);
    if (!reservation.allowed) {
      const { scope, reason, waitMs } = reservation.refusal;
      this.logger.warn('login.throttled', { nick: user.nick, address, scope, reason, waitMs });
      throw refuse.loginThrottled(throttledText(user.nick, reservation.refusal));
    }
    const { attempt } = reservation;
    let matches: boolean;
    try {
      matches = await this.passwords.verify(password, user.passwordHash, attempt.priority);
    } catch (error) {
      attempt.abandoned();
      this.noteBusy(error, user.nick, address);
      throw error;
    }
    if (matches) {
      attempt.succeeded();
      return user;
    }
    attempt.failed();
    this.logger.warn('login.failed', { nick: user.nick, address });
    throw refuse.wrongPassword(user.nick);
  }

  /** The new user, or undefined if the nick was taken meanwhile. */
  private async register(nick: string, password: string, address: string): Promise<UserRecord | undefined> {
    const reservation = this.registrations.reserve(address);
    if (!reservation.allowed) {
      const { limit, windowMs } = this.registrations.limits;
      const now = this.clock.now();
      this.logger.warn('registration.throttled', { nick, address, limit, waitMs: reservation.waitMs });
      throw refuse.registrationThrottled(
        `Too many new accounts from your address (at most ${limit} per ${formatSpan(windowMs)}). ` +
          `Try again at ${formatWhen(now + reservation.waitMs, now)}, or log in to an account you have.`,
      );
    }
    let created = false;
    try {
      const user: UserRecord = {
        nick,
        // Behind logins to existing accounts: a storm of newcomers does not keep their users out.
        passwordHash: await this.passwords.hash(password, 'low').catch((error: unknown) => {
          this.noteBusy(error, nick, address);
          throw error;
        }),
        createdAt: this.clock.now(),
        lastSeenAt: null,
        // A new user starts with nothing unread.
        readCursor: await this.store.lastMessageId(),
      };
      created = await this.store.createUser(user);
      if (!created) return undefined;
      this.throttle.remember(nick, address);
      this.logger.info('user.registered', { nick, address });
      return user;
    } finally {
      if (!created) reservation.registration.abandoned();
    }
  }

  private noteBusy(error: unknown, nick: string, address: string): void {
    if (refusalOf(error)?.code === 'SERVER_BUSY') this.busyLog.refused(nick, address);
  }
}

/** What a throttled client is told: which limit held it back, and when to try again. */
function throttledText(nick: string, refusal: Refusal): string {
  const again = `Try again in ${Math.ceil(refusal.waitMs / 1000)} s.`;
  if (refusal.reason === 'busy') {
    if (refusal.scope === 'pair') return `A login for ${nick} from your address is being checked. ${again}`;
    if (refusal.scope === 'address') return `Too many logins from your address are being checked at once. ${again}`;
    return `Too many logins for ${nick} are being checked at once. ${again}`;
  }
  if (refusal.scope === 'pair') return `Too many failed logins for ${nick} from your address. ${again}`;
  if (refusal.scope === 'address') return `Too many failed logins from your address. ${again}`;
  return `Too many failed logins for ${nick} from elsewhere. ${again} Where ${nick} has logged in before, the right password works now.`;
}
