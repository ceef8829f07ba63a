import { format } from 'date-fns/format';
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { formatDuration } from 'date-fns/formatDuration';
import { intervalToDuration } from 'date-fns/intervalToDuration';
import { isSameDay } from 'date-fns/isSameDay';

/** `14:05` for today; `Nov 22 14:05` for older times, so history stays readable. */
export function formatTime(at: number, now?: number): string {
  if (now !== undefined && !isSameDay(at, now)) return format(at, 'MMM d HH:mm');
  return clockTime(at);
}

/**
 * `HH:mm`, remembering the last minute asked for: messages come in bursts within one
 * minute, each is formatted once per variant (plain, colour), and date-fns' format costs
 * microseconds. Time zone offsets are whole minutes, so the minute decides the text.
 */
let lastMinute = NaN;
let lastClockTime = '';
function clockTime(at: number): string {
  const minute = Math.floor(at / 60_000);
  if (minute !== lastMinute) {
    lastClockTime = format(at, 'HH:mm');
    lastMinute = minute;
  }
  return lastClockTime;
}

/** `14:05 (in 3 hours)`, or `Nov 24 09:00 (in 1 day)` when not today: when a ban ends, a schedule fires. */
export function formatWhen(at: number, now: number): string {
  return `${formatTime(at, now)} (${formatDistanceStrict(at, now, { addSuffix: true })})`;
}

/** A length of time as words: `1 hour`, `1 day 12 hours`: a window, a lifetime, a wait. */
export function formatSpan(ms: number): string {
  return formatDuration(intervalToDuration({ start: 0, end: ms }));
}
