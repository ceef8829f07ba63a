import { expect } from 'chai';
import { ChatHub } from '../../lib/hub/chat-hub.js';
import { LocalBus } from '../../lib/hub/events.js';
import type { HubSession } from '../../lib/hub/hub-session.js';
import { MemoryStore } from '../../lib/store/memory-store.js';
import type { UserRecord } from '../../lib/store/records.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { RecordingLogger } from '../helpers/recording-logger.js';

/** A session that only collects the messages it is sent. */
class Collector implements HubSession {
  readonly lines: string[] = [];
  readonly currentRoom = 'general';
  constructor(readonly id: number) {}
  send(line: string): void {
    this.lines.push(line);
  }
  sendEncoded(encoded: Buffer): void {
    this.lines.push(encoded.toString().trimEnd().replace(/^.*<alice> /, ''));
  }
  close(): void {}
}

describe('the hook after a stored batch', () => {
  it('runs once per batch, after every message of it has been handed to its readers', async () => {
    const clock = fakeClock();
    const store = new MemoryStore();
    const users: UserRecord[] = ['alice', 'bob'].map((nick) => ({ nick, passwordHash: 'x', createdAt: 0, lastSeenAt: null, readCursor: 0 }));
    for (const user of users) {
      await store.createUser(user);
      await store.addMember({ room: 'general', nick: user.nick, sinceId: 0 });
    }
    await store.createRoom({ name: 'general', visibility: 'public', owner: null, createdAt: 0 });
    const bob = new Collector(2);
    const seenAtCommit: string[][] = [];
    const hub = new ChatHub({ store, clock, logger: new RecordingLogger(), bus: new LocalBus(), afterCommit: () => seenAtCommit.push([...bob.lines]) });
    await hub.start();
    await hub.attach(new Collector(1), users[0] as UserRecord);
    await hub.attach(bob, users[1] as UserRecord);

    // Queued in one turn: one batch.
    const queued = await Promise.all(['one', 'two'].map((text) => hub.postToRoom('alice', 'general', text)));
    await Promise.all(queued.map((q) => q.stored));
    expect(seenAtCommit).to.deep.equal([['one', 'two']]);
    await hub.close();
  });
});
