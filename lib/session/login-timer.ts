import type { Clock, Timer } from '../util/clock.js';

/**
 * The time a client has to finish logging in, restarted at each prompt that waits on it.
 * Once ended (the session is over) it never starts again.
 */
export class LoginTimer {
  private timer: Timer | undefined;
  private over = false;

  constructor(
    private readonly clock: Clock,
    private readonly ms: number,
    private readonly onExpired: () => void,
  ) {}

  start(): void {
    this.stop();
    if (this.over) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.onExpired();
    }, this.ms);
  }

  stop(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  end(): void {
    this.over = true;
    this.stop();
  }
}
