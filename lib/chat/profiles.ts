import type { ChatStore } from '../store/chat-store.js';
import type { Logger } from '../util/logger.js';
import type { ChatHub } from './hub/chat-hub.js';
import { ignoreSet, type Profile } from './hub/online-user.js';

/**
 * What each user keeps about themselves: whom they ignore. Stored, and told to every server
 * with a `profile-changed` event so that every session of the user follows at once.
 * (Colour is not kept here: it belongs to one connection, see lib/session/session.ts.)
 */
export class Profiles {
  constructor(
    private readonly hub: ChatHub,
    private readonly store: ChatStore,
    private readonly logger: Logger,
  ) {}

  /** What a user brings to their first session. */
  async load(nick: string): Promise<Profile> {
    return { ignores: ignoreSet(await this.store.listIgnores(nick)) };
  }

  /** The nicks `nick` ignores, as registered. */
  listIgnored(nick: string): Promise<string[]> {
    return this.store.listIgnores(nick);
  }

  /** Starts (or stops) ignoring `target`; false when that was already so. */
  async setIgnored(nick: string, target: string, ignored: boolean): Promise<boolean> {
    const changed = ignored ? await this.store.addIgnore(nick, target) : await this.store.removeIgnore(nick, target);
    if (!changed) return false;
    const ignores = (await this.store.listIgnores(nick)).map((n) => n.toLowerCase());
    this.hub.publish({ type: 'profile-changed', nick, change: { ignores } });
    this.logger.info(ignored ? 'user.ignore' : 'user.unignore', { nick, target });
    return true;
  }

  /** Whether `nick` ignores `other`, online or not, as stored. */
  async ignores(nick: string, other: string): Promise<boolean> {
    const key = other.toLowerCase();
    return (await this.store.listIgnores(nick)).some((ignored) => ignored.toLowerCase() === key);
  }
}
