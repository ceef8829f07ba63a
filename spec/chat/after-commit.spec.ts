import { expect } from 'chai';
import { ChatHub } from '../../lib/chat/chat-hub.js';
import { LocalBus } from '../../lib/chat/events.js';
import { MemoryStore } from '../../lib/store/memory/memory-store.js';
import type { UserRecord } from '../../lib/store/records.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { CollectingSession as Collector } from '../helpers/collecting-session.js';
import { RecordingLogger } from '../helpers/recording-logger.js';

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
    const hub = new ChatHub({ store, clock, logger: new RecordingLogger(), bus: new LocalBus(), afterCommit: () => seenAtCommit.push(bob.lines.map((line) => line.replace(/^.*<alice> /, ''))) });
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
