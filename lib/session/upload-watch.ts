import type { Clock, Timer } from '../util/clock.js';

/** The slowest average an upload may keep up after its first stall period: 1 KiB a second. */
export const MIN_UPLOAD_BYTES_PER_SECOND = 1024;

export type UploadStall = 'stalled' | 'too-slow';

export interface UploadWatchOptions {
  /** No byte for this long abandons the upload. */
  stallMs: number;
  /** How many bytes are expected: the upload must be done by stallMs + size / MIN_UPLOAD_BYTES_PER_SECOND. */
  size: number;
  /** Time we are not reading (the disk or the command holds input) is not the client's fault. */
  isPaused(): boolean;
  onStall(reason: UploadStall): void;
}

/**
 * Abandons an upload whose bytes stop coming, or come so slowly that it would hold a
 * connection and a temporary file for days (1 byte a second). One timer, re-armed only
 * when it fires early, like IdleWatch; time while input is held by the server counts
 * for neither limit.
 */
export class UploadWatch {
  private lastByteAt: number;
  private deadline: number;
  private timer: Timer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly options: UploadWatchOptions,
  ) {
    const now = clock.now();
    this.lastByteAt = now;
    this.deadline = now + options.stallMs + Math.ceil((options.size / MIN_UPLOAD_BYTES_PER_SECOND) * 1000);
    this.arm(options.stallMs);
  }

  /** Bytes came. */
  touch(): void {
    this.lastByteAt = this.clock.now();
  }

  stop(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.check();
    }, ms);
  }

  private check(): void {
    const now = this.clock.now();
    const { stallMs } = this.options;
    if (this.options.isPaused()) {
      // Not reading is ours: both limits move on by the time waited.
      const waited = now - this.lastByteAt;
      this.lastByteAt = now;
      this.deadline += waited;
      this.arm(stallMs);
      return;
    }
    if (now >= this.deadline) {
      this.options.onStall('too-slow');
      return;
    }
    const quiet = now - this.lastByteAt;
    if (quiet >= stallMs) {
      this.options.onStall('stalled');
      return;
    }
    this.arm(Math.min(stallMs - quiet, this.deadline - now));
  }
}
