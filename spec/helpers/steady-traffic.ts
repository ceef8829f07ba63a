import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import type { LineClient } from './line-client.js';

/** A message line, live or from /history: the time may carry a date, the id is base 36. */
const ROOM_MESSAGE = /^\[[^\]]+\] #general \[([0-9a-z]+)\] <(\S+)> (.*)$/;

/** The #general messages among `lines`, as `[id] <nick> text`. */
export function messagesIn(lines: readonly string[]): string[] {
  return lines.flatMap((line) => {
    const match = ROOM_MESSAGE.exec(line);
    return match ? [`[${match[1] ?? ''}] <${match[2] ?? ''}> ${match[3] ?? ''}`] : [];
  });
}

/** Each client sends `message <index>-<n>` to #general every 15 ms until `stopped()` (or 500 each). */
export async function steadyTraffic(clients: readonly LineClient[], stopped: () => boolean): Promise<void> {
  await Promise.all(
    clients.map(async (client, index) => {
      for (let n = 1; n <= 500 && !stopped(); n++) {
        client.write(`message ${index}-${n}`);
        await delay(15);
      }
    }),
  );
}

/** All of #general's history as `reader` gets it with /history, checked to fit one page and to hold no message twice. */
export async function wholeHistory(reader: LineClient): Promise<string[]> {
  const before = reader.lines().length;
  reader.write('/history 500');
  await reader.waitFor(/^-- end of history$/);
  const history = messagesIn(reader.lines().slice(before));
  expect(history.length, 'the check needs all of history in one page').to.be.below(500);
  expect(new Set(history).size, 'duplicates in history').to.equal(history.length);
  return history;
}
