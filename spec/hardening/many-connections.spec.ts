import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import type { LineClient } from '../helpers/line-client.js';
import { TestServer } from '../helpers/test-server.js';

const USERS = 2000;
const ROOMS = ['r0', 'r1', 'r2', 'r3'];
/** The first ROOM_MEMBERS users also join one of the rooms, in turn. */
const ROOM_MEMBERS = 400;
const GENERAL_SENDERS = 10;
const ROOM_SENDERS = 40;
const TRAFFIC_MS = 3000;
const PACE_MS = 100;
const LOGIN_BATCH = 100;

const MESSAGE = /^\[[^\]]+\] #(\S+) \[[0-9a-z]+\] <(u\d+)> n(\d+)$/;

const nickOf = (index: number): string => `u${index}`;
const roomOf = (index: number): string | undefined => (index < ROOM_MEMBERS ? ROOMS[index % ROOMS.length] : undefined);

/** For each sender, the numbers of its messages in the order this client got them. */
function receivedBySender(client: LineClient): Map<string, number[]> {
  const received = new Map<string, number[]>();
  for (const line of client.lines()) {
    const match = MESSAGE.exec(line);
    if (!match?.[2] || !match[3]) continue;
    const numbers = received.get(match[2]) ?? [];
    numbers.push(Number(match[3]));
    received.set(match[2], numbers);
  }
  return received;
}

describe('a few thousand connections with mixed traffic', function () {
  this.timeout(120_000);
  let server: TestServer;

  before(async function () {
    server = await TestServer.start({ maxConnections: USERS + 100, maxPerAddress: USERS + 100, floodRate: 0, historySize: 0 });
  });

  after(async function () {
    await server.stop();
  });

  it(`delivers everything sent, in order per sender, to each of ${USERS} logged-in users`, async function () {
    const clients: LineClient[] = [];
    for (let start = 0; start < USERS; start += LOGIN_BATCH) {
      const batch = Array.from({ length: Math.min(LOGIN_BATCH, USERS - start) }, (_, i) => server.login(nickOf(start + i)));
      clients.push(...(await Promise.all(batch)));
    }
    await Promise.all(
      clients.map(async (client, index) => {
        const room = roomOf(index);
        if (room === undefined) return;
        client.write(`/chats ${room}`);
        await client.waitFor(new RegExp(`^-- now talking in #${room}`));
      }),
    );

    // Room senders are members of a room (their current room); general senders are not.
    const roomSenders = Array.from({ length: ROOM_SENDERS }, (_, i) => i);
    const generalSenders = Array.from({ length: GENERAL_SENDERS }, (_, i) => ROOM_MEMBERS + i);
    const sent = new Map<string, { room: string; count: number }>();
    const deadline = Date.now() + TRAFFIC_MS;
    await Promise.all(
      [...roomSenders, ...generalSenders].map(async (index) => {
        const client = clients[index]!;
        const room = roomOf(index) ?? 'general';
        let count = 0;
        while (Date.now() < deadline && count < TRAFFIC_MS / PACE_MS) {
          client.write(`n${++count}`);
          await delay(PACE_MS * (0.5 + Math.random()));
        }
        await client.waitFor(new RegExp(`<${nickOf(index)}> n${count}$`), 30_000);
        sent.set(nickOf(index), { room, count });
      }),
    );
    // Delivery to each client is in commit order, so once this last message in #general is there, all are.
    const last = USERS - 1;
    clients[last]!.write('all sent');
    await Promise.all(clients.map((client) => client.waitFor(new RegExp(`<${nickOf(last)}> all sent$`), 30_000)));

    let checked = 0;
    clients.forEach((client, index) => {
      const received = receivedBySender(client);
      for (const [sender, { room, count }] of sent) {
        const expected = room === 'general' || room === roomOf(index) ? Array.from({ length: count }, (_, i) => i + 1) : [];
        expect(received.get(sender) ?? [], `${nickOf(index)} from ${sender} in #${room}`).to.deep.equal(expected);
        checked += expected.length;
      }
    });
    const totalSent = [...sent.values()].reduce((sum, { count }) => sum + count, 0);
    expect(totalSent).to.be.above(ROOM_SENDERS + GENERAL_SENDERS);
    expect(checked).to.be.above(USERS * GENERAL_SENDERS);
  });
});
