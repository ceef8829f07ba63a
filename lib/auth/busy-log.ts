import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

/** At most one warning line per this long while logins are being turned away. */
export const BUSY_LOG_INTERVAL_MS = 10_000;

/**
 * Logs logins turned away SERVER_BUSY (a login storm) as one warning per
 * BUSY_LOG_INTERVAL_MS with a count, not one line per refusal: a storm of a thousand
 * logins would otherwise write a thousand lines, and a process writing its log to a pipe
 * waits whenever the reader of that pipe falls behind (stderr to a pipe is synchronous).
 */
export class BusyLog {
  private refusedSinceLine = 0;
  private lastLineAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  refused(nick: string, address: string): void {
    this.refusedSinceLine++;
    const now = this.clock.now();
    this.logger.debug('login.busy', { nick, address });
    if (now - this.lastLineAt < BUSY_LOG_INTERVAL_MS) return;
    this.logger.warn('login.busy', { refused: this.refusedSinceLine, last: nick, address });
    this.refusedSinceLine = 0;
    this.lastLineAt = now;
  }
}
