import { Rng } from '../trust/prng.js';
import type { NewMessage } from '../../lib/store/records.js';

/**
 * A synthetic chat history for W9: words drawn from a vocabulary by Zipf's law (a few very
 * common, most rare, as in real text), messages of 3-15 words in many rooms, some private.
 * The same seed gives the same history.
 */

export interface CorpusShape {
  messages: number;
  rooms: number;
  users: number;
  /** The searcher's rooms besides #general. */
  searcherRooms: number;
  /** Share of messages in #general, and of private ones. */
  generalShare: number;
  privateShare: number;
  vocabulary: number;
  /** Messages were sent over this long before the fill. */
  spanMs: number;
}

export const SEARCHER = 'searcher';

const SYLLABLES = ['ka', 'lo', 'mi', 'su', 're', 'to', 'na', 'vi', 'de', 'po', 'ga', 'chu', 'zen', 'ri', 'bo', 'fa', 'le', 'mo', 'ti', 'xa'];

/** The i-th word of the vocabulary: two to four syllables, all different words. */
export function wordOf(i: number): string {
  let n = i;
  let word = '';
  do {
    word += SYLLABLES[n % SYLLABLES.length] ?? '';
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0 || word.length < 4);
  return word;
}

/** Draws ranks 0..size-1 with probability proportional to 1/(rank+1)^s. */
export class Zipf {
  private readonly cumulative: Float64Array;

  constructor(size: number, s = 1.05) {
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let i = 0; i < size; i++) this.cumulative[i] = total += 1 / (i + 1) ** s;
    for (let i = 0; i < size; i++) this.cumulative[i] = (this.cumulative[i] ?? 0) / total;
  }

  draw(rng: Rng): number {
    const x = rng.next();
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.cumulative[mid] ?? 1) < x) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

export function roomName(i: number): string {
  return i === 0 ? 'general' : `room-${i}`;
}

/** Yields the history in batches of `batch`, oldest first, ending `now`. */
export function* corpus(shape: CorpusShape, now: number, seed: number, batch: number): Generator<NewMessage[]> {
  const rng = new Rng(seed);
  const zipf = new Zipf(shape.vocabulary);
  const start = now - shape.spanMs;
  let messages: NewMessage[] = [];
  for (let n = 0; n < shape.messages; n++) {
    const length = 3 + Math.floor(rng.next() * 13);
    const words: string[] = [];
    for (let w = 0; w < length; w++) words.push(wordOf(zipf.draw(rng)));
    const text = words.join(' ');
    const from = `user${Math.floor(rng.next() * shape.users)}`;
    const createdAt = Math.floor(start + (shape.spanMs * n) / shape.messages);
    const kind = rng.next();
    if (kind < shape.privateShare) {
      const to = rng.next() < 0.05 ? SEARCHER : `user${Math.floor(rng.next() * shape.users)}`;
      messages.push({ kind: 'private', room: null, from, to, text, createdAt, parentId: null, quote: null });
    } else {
      const room = kind < shape.privateShare + shape.generalShare ? 0 : 1 + Math.floor(rng.next() * (shape.rooms - 1));
      messages.push({ kind: 'room', room: roomName(room), from, to: null, text, createdAt, parentId: null, quote: null });
    }
    if (messages.length === batch) {
      yield messages;
      messages = [];
    }
  }
  if (messages.length > 0) yield messages;
}

/** Two-word queries as users would type them: each word drawn by the same law, so common words come up most. */
export function queries(shape: CorpusShape, count: number, seed: number): string[] {
  const rng = new Rng(seed, 1);
  const zipf = new Zipf(shape.vocabulary);
  return Array.from({ length: count }, () => {
    const a = zipf.draw(rng);
    let b = zipf.draw(rng);
    while (b === a) b = zipf.draw(rng);
    return `${wordOf(a)} ${wordOf(b)}`;
  });
}
