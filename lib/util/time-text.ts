import { distanceText, formatDate, isSameDay } from './date-text.js';

/** `14:05` for today; `Nov 22 14:05` for older times, so history stays readable. */
export function formatTime(at: number, now?: number): string {
  if (now !== undefined && !isSameDay(at, now)) return formatDate(at, 'MMM d HH:mm');
  return clockTime(at);
}

/**
 * `HH:mm`, remembering the last minute asked for: messages come in bursts within one
 * minute, each is formatted once per variant (plain, colour), and a Date costs more than
 * the division. Time zone offsets are whole minutes, so the minute decides the text.
 */
let lastMinute = NaN;
let lastClockTime = '';
function clockTime(at: number): string {
  const minute = Math.floor(at / 60_000);
  if (minute !== lastMinute) {
    lastClockTime = formatDate(at, 'HH:mm');
    lastMinute = minute;
  }
  return lastClockTime;
}

/** `14:05 (in 3 hours)`, or `Nov 24 09:00 (in 1 day)` when not today: when a ban ends, a schedule fires. */
export function formatWhen(at: number, now: number): string {
  return `${formatTime(at, now)} (${distanceText(at, now, true)})`;
}
