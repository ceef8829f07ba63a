import { formatDistanceStrict } from 'date-fns';
import { formatTime } from './format.js';

/** `14:05 (in 3 hours)`, `Nov 20 09:12 (2 days ago)`: a moment as people read it, relative to `now`. */
export function momentText(at: number, now: number): string {
  return `${formatTime(at, now)} (${formatDistanceStrict(at, now, { addSuffix: true })})`;
}
