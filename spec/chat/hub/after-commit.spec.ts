import { expect } from 'chai';
import { LocalBus } from '../../../lib/chat/hub/events.js';
import { MemoryStore } from '../../../lib/store/memory/memory-store.js';
import type { UserRecord } from '../../../lib/store/records.js';
import { fakeClock } from '../../helpers/fake-clock.js';
import { CollectingSession as Collector } from '../../helpers/collecting-session.js';
import { seedRoom, testChat } from '../../helpers/test-chat.js';

describe('the hook after a stored batch', () => {
  it('runs once per batch, after every message of it has been handed to its readers', async () => {
    const clock = fakeClock();
    const store = new MemoryStore();
    const users = await seedRoom(store, 'general', ['alice', 'bob']);
    const bob = new Collector(2);
    const seenAtCommit: string[][] = [];
    const chat = testChat({ store, clock, bus: new LocalBus(), afterCommit: () => seenAtCommit.push(bob.lines.map((line) => line.replace(/^.*<alice> /, ''))) });
    await chat.start();
    await chat.attach(new Collector(1), users[0] as UserRecord);
    await chat.attach(bob, users[1] as UserRecord);

    // Queued in one turn: one batch.
    const queued = await Promise.all(['one', 'two'].map((text) => chat.messages.post('alice', 'general', text)));
    await Promise.all(queued.map((q) => q.stored));
    expect(seenAtCommit).to.deep.equal([['one', 'two']]);
    await chat.close();
  });
});
