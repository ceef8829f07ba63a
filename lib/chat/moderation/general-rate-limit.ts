import type { SendAttempt, SendGate } from './send-gate.js';
import { formatSpan } from '../../util/date-text.js';
import { formatWhen } from '../../util/time-text.js';
import { DEFAULT_ROOM } from '../text/names.js';
import type { ChatStore } from '../../store/chat-store.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { refuse } from '../refusals.js';

export interface RateLimitOptions {
  /** Messages allowed per window; 0 turns the limit off. */
  limit: number;
  windowMs: number;
}

/**
 * At most `limit` messages per user to #general in each fixed window (windows start at
 * multiples of `windowMs` since the epoch, so every server agrees when a count resets).
 * Counted in the store, so the count holds across restarts and across all sessions.
 */
export class GeneralRateLimit implements SendGate {
  private lastWindow = 0;

  constructor(
    private readonly store: ChatStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: RateLimitOptions,
  ) {}

  async check(attempt: SendAttempt): Promise<void> {
    const { limit, windowMs } = this.options;
    if (limit <= 0 || attempt.route !== 'room' || attempt.target !== DEFAULT_ROOM) return;
    const windowStart = Math.floor(attempt.at / windowMs) * windowMs;
    if (windowStart > this.lastWindow) {
      this.lastWindow = windowStart;
      await this.store.deleteCountersBefore(windowStart);
    }
    // Counting here rather than after storing keeps two sessions of one user from both
    // slipping through; this gate runs last, so only a storage failure can over-count.
    const count = await this.store.incrementCounter(`general:${attempt.from.toLowerCase()}`, windowStart);
    if (count <= limit) return;
    this.logger.info('ratelimit.refused', { nick: attempt.from, room: DEFAULT_ROOM, count, limit });
    const period = formatSpan(windowMs);
    throw refuse.rateLimited(`You can send ${limit} messages per ${period} to #${DEFAULT_ROOM}; the count resets at ${formatWhen(windowStart + windowMs, this.clock.now())}. Other rooms and private messages are not limited.`);
  }
}
