import type { Clock } from '../util/clock.js';
import { IdleWatch } from './idle-watch.js';

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
 * connection and a temporary file for days (1 byte a second). Time while the server holds
 * input counts for neither limit. `touch` when bytes come; `stop` when it is done.
 */
export function watchUpload(clock: Clock, options: UploadWatchOptions): IdleWatch {
  const deadlineMs = options.stallMs + Math.ceil((options.size / MIN_UPLOAD_BYTES_PER_SECOND) * 1000);
  return new IdleWatch(clock, options.stallMs, (reason) => { options.onStall(reason === 'quiet' ? 'stalled' : 'too-slow'); }, {
    deadlineMs,
    isPaused: () => options.isPaused(),
  });
}
