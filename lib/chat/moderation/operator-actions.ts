import type { ChatStore } from '../../store/chat-store.js';
import type { Logger } from '../../util/logger.js';
import type { ChatHub } from '../hub/chat-hub.js';
import { cleanText } from '../messages.js';
import type { Presence } from '../presence.js';

/** What only operators do to everyone: disconnect a user, announce, set the message of the day. */
export class OperatorActions {
  constructor(
    private readonly hub: ChatHub,
    private readonly presence: Presence,
    private readonly store: ChatStore,
    private readonly logger: Logger,
  ) {}

  /** Closes every session of `nick`, on every server; returns how many there are. */
  disconnect(nick: string, by: string): number {
    const { sessions } = this.presence.of(nick);
    this.logger.info('operator.kick', { by, nick, sessions });
    this.hub.publish({ type: 'user-disconnected', nick, by });
    return sessions;
  }

  /** Tells everyone online, now; not stored. */
  announce(from: string, text: string): void {
    const clean = cleanText(text);
    this.logger.info('operator.announce', { by: from, text: clean });
    this.hub.publish({ type: 'announcement', from, text: clean });
  }

  /** Sets (null: removes) the message of the day; kept in storage across restarts. */
  async setMotd(text: string | null, by: string): Promise<void> {
    const motd = text === null ? null : cleanText(text);
    await this.store.setSetting('motd', motd);
    this.logger.info('operator.motd', { by, motd });
    this.hub.publish({ type: 'motd-changed', motd });
  }
}
