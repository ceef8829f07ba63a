import type { EventBus } from '../hub/events.js';
import { subscribeHeld, type HeldSubscription } from '../hub/held-events.js';
import type { SendAttempt, SendGate } from './send-gate.js';
import { formatWhen } from '../../util/time-text.js';
import type { MuteRecord, ProfileStore } from '../../store/profile-store.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { refuse } from '../refusals.js';

export interface MuteGateDeps {
  store: ProfileStore;
  clock: Clock;
  logger: Logger;
  /** The hub's bus: mutes travel on it like every other change, so a cluster agrees on them. */
  bus: EventBus;
  /** A muted user may still write privately to an operator, to appeal. */
  isOperator(nick: string): boolean;
}

/**
 * Operators' `/mute <nick> <duration>`: refuses every send of a muted user until the mute
 * runs out. Mutes are stored, so they outlast a restart; expiry is a comparison with the
 * clock, so no timer is left running.
 */
export class MuteGate implements SendGate {
  /** Running (or not yet noticed as expired) mutes by lower-case nick. */
  private readonly mutes = new Map<string, MuteRecord>();
  /** Mute events of other servers during the load are applied after it (see held-events.ts). */
  private readonly events: HeldSubscription;

  constructor(private readonly deps: MuteGateDeps) {
    this.events = subscribeHeld(deps.bus, (event) => {
      if (event.type !== 'mute-changed') return;
      if (event.mute) this.mutes.set(event.nick.toLowerCase(), event.mute);
      else this.mutes.delete(event.nick.toLowerCase());
    });
  }

  /** Reads the stored mutes at start, dropping the ones that ran out while the server was down. */
  async load(): Promise<void> {
    const now = this.deps.clock.now();
    for (const mute of await this.deps.store.listMutes()) {
      if (mute.until > now) this.mutes.set(mute.nick.toLowerCase(), mute);
      else await this.deps.store.deleteMute(mute.nick);
    }
    this.events.release();
  }

  check(attempt: SendAttempt): void {
    const mute = this.muteOf(attempt.from, attempt.at);
    if (!mute || (attempt.route === 'private' && this.deps.isOperator(attempt.target))) return;
    throw refuse.muted(mute.by, formatWhen(mute.until, attempt.at));
  }

  /** The mute `nick` is under at `at` (default: now), if any. */
  muteOf(nick: string, at = this.deps.clock.now()): MuteRecord | undefined {
    const mute = this.mutes.get(nick.toLowerCase());
    return mute && mute.until > at ? mute : undefined;
  }

  async mute(nick: string, durationMs: number, by: string): Promise<MuteRecord> {
    const now = this.deps.clock.now();
    const mute: MuteRecord = { nick, until: now + durationMs, by, createdAt: now };
    await this.deps.store.saveMute(mute);
    this.deps.logger.info('operator.mute', { by, nick, until: new Date(mute.until).toISOString() });
    this.deps.bus.publish({ type: 'mute-changed', nick, mute });
    return mute;
  }

  /** Lifts a mute; false if `nick` was not muted. */
  async unmute(nick: string, by: string): Promise<boolean> {
    const wasMuted = this.muteOf(nick) !== undefined;
    await this.deps.store.deleteMute(nick);
    this.deps.logger.info('operator.unmute', { by, nick, wasMuted });
    this.deps.bus.publish({ type: 'mute-changed', nick, mute: null });
    return wasMuted;
  }
}
