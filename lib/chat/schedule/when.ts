import { addDays } from 'date-fns/addDays';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { set } from 'date-fns/set';
import { parseDuration } from '../../util/units.js';

/**
 * When a scheduled message is due, from what the user typed:
 *   +10m, +2h, +90s         a delay from now
 *   14:30, 9:05:30          the next time the clock shows it (today or tomorrow)
 *   2026-11-24T09:00        an ISO date-time (local time unless it names a zone)
 * Returns undefined when the text is none of these. Pure: `now` is passed in.
 */
export function parseWhen(text: string, now: number): number | undefined {
  if (text.startsWith('+')) {
    const delay = parseDuration(text.slice(1));
    // A delay past the last date a Date can hold (year 275760) is no time: it could not be shown or logged.
    return delay === undefined || delay <= 0 || !isValid(now + delay) ? undefined : now + delay;
  }
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (clock) {
    const [hours, minutes, seconds] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
    const today = set(now, { hours, minutes, seconds, milliseconds: 0 }).getTime();
    return today > now ? today : addDays(today, 1).getTime();
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{1,2}:\d{2}/.test(text)) {
    const date = parseISO(text);
    return isValid(date) ? date.getTime() : undefined;
  }
  return undefined;
}

export const WHEN_FORMS = '+10m (a delay), 14:30 (the next time the clock shows it) or 2026-11-24T09:00 (a date and time)';
