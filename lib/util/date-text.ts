/**
 * Dates and lengths of time as the text chat-line shows, in the server's time zone. These
 * few layouts are written out here rather than taken from date-fns' `format`,
 * `formatDistanceStrict` and `formatDuration`: those load its whole formatting machinery
 * and the en-US locale, ~5 MB of resident memory in every server, idle or not. The words
 * are date-fns' own (spec/util/date-text.spec.ts holds them to it).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** The zone offset as `+01:00`, `-05:30` or `+00:00` (date-fns' `xxx`). */
function offsetText(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const TOKENS: Record<string, (date: Date) => string> = {
  yyyy: (date) => pad(date.getFullYear(), 4),
  MMM: (date) => MONTHS[date.getMonth()] ?? '',
  MM: (date) => pad(date.getMonth() + 1),
  dd: (date) => pad(date.getDate()),
  d: (date) => String(date.getDate()),
  HH: (date) => pad(date.getHours()),
  mm: (date) => pad(date.getMinutes()),
  ss: (date) => pad(date.getSeconds()),
  SSS: (date) => pad(date.getMilliseconds(), 3),
  xxx: offsetText,
};

const TOKEN = /yyyy|MMM|MM|dd|d|HH|mm|ss|SSS|xxx|'[^']*'/g;

/**
 * `at` laid out by `pattern`, in local time: `yyyy MMM MM dd d HH mm ss SSS xxx` as in
 * date-fns (and Unicode's date patterns); text in single quotes and anything else is kept.
 */
export function formatDate(at: number | Date, pattern: string): string {
  const date = typeof at === 'number' ? new Date(at) : at;
  return pattern.replace(TOKEN, (token) => (token.startsWith("'") ? token.slice(1, -1) : (TOKENS[token]?.(date) ?? token)));
}

/** True when both fall on the same calendar day, in local time. */
export function isSameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getDate() === y.getDate() && x.getMonth() === y.getMonth() && x.getFullYear() === y.getFullYear();
}

function count(value: number, unit: string): string {
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
}

const MINUTES_IN_DAY = 1440;
const MINUTES_IN_MONTH = 43_200;
const MINUTES_IN_YEAR = 525_600;

/** Milliseconds the local clock is ahead of UTC at `at`. */
function zoneMs(at: number): number {
  return -new Date(at).getTimezoneOffset() * 60_000;
}

/**
 * How far apart two times are, in the one largest unit that fits, rounded: `45 seconds`,
 * `3 hours`, `1 month`; with `suffix`, `in 3 hours` or `3 hours ago` by where `at` lies
 * from `now` (date-fns' formatDistanceStrict).
 */
export function distanceText(at: number, now: number, suffix = false): string {
  const [earlier, later] = at > now ? [now, at] : [at, now];
  const ms = later - earlier;
  const minutes = ms / 60_000;
  // Days and longer count wall-clock time, which a change to or from summer time makes an hour
  // shorter or longer than the time that passed (clocks going back in autumn: an hour less).
  const wallMinutes = (ms + (zoneMs(later) - zoneMs(earlier))) / 60_000;
  let text: string;
  if (minutes < 1) text = count(Math.round(ms / 1000), 'second');
  else if (minutes < 60) text = count(Math.round(minutes), 'minute');
  else if (minutes < MINUTES_IN_DAY) text = count(Math.round(minutes / 60), 'hour');
  else if (wallMinutes < MINUTES_IN_MONTH) text = count(Math.round(wallMinutes / MINUTES_IN_DAY), 'day');
  else if (wallMinutes < MINUTES_IN_YEAR) {
    const months = Math.round(wallMinutes / MINUTES_IN_MONTH);
    text = months === 12 ? count(1, 'year') : count(months, 'month');
  } else text = count(Math.round(wallMinutes / MINUTES_IN_YEAR), 'year');
  if (!suffix) return text;
  return at > now ? `in ${text}` : `${text} ago`;
}

/**
 * A length of time in words, every unit that is not zero: `1 hour`, `1 day 12 hours`,
 * `1 month 14 days` (years and months as the calendar has them from 1 January 1970, in local
 * time: date-fns' formatDuration of intervalToDuration). Nothing for less than a second.
 */
export function formatSpan(ms: number): string {
  const start = new Date(0);
  const end = new Date(ms);
  let months = (end.getFullYear() - start.getFullYear()) * 12 + end.getMonth() - start.getMonth();
  // A month is whole only once its day and time of day come round again.
  const shifted = (whole: number): Date => {
    const date = new Date(start);
    const day = date.getDate();
    date.setDate(1);
    date.setMonth(date.getMonth() + whole);
    const lastDay = new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate();
    date.setDate(Math.min(day, lastDay));
    return date;
  };
  while (months > 0 && shifted(months).getTime() > end.getTime()) months--;
  let from = shifted(months);
  let days = 0;
  for (;;) {
    const next = new Date(from);
    next.setDate(next.getDate() + 1);
    if (next.getTime() > end.getTime()) break;
    from = next;
    days++;
  }
  let rest = end.getTime() - from.getTime();
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  const seconds = Math.floor((rest - minutes * 60_000) / 1000);
  const parts: [number, string][] = [[Math.floor(months / 12), 'year'], [months % 12, 'month'], [days, 'day'], [hours, 'hour'], [minutes, 'minute'], [seconds, 'second']];
  return parts.filter(([value]) => value > 0).map(([value, unit]) => count(value, unit)).join(' ');
}
