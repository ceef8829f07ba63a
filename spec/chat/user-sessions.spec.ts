import { expect } from 'chai';
import { ChatHub } from '../../lib/chat/chat-hub.js';
import { LocalBus } from '../../lib/chat/events.js';
import type { OnlineUser } from '../../lib/chat/session-port.js';
import { MemoryStore } from '../../lib/store/memory/memory-store.js';
import type { UserRecord } from '../../lib/store/records.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { CollectingSession } from '../helpers/collecting-session.js';
import { RecordingLogger } from '../helpers/recording-logger.js';

/** A session whose client stopped reading: the first line it is handed overflows its queue, and it leaves. */
class StalledSession extends CollectingSession {
  user: OnlineUser | undefined;
  constructor(
    id: number,
    private readonly hub: ChatHub,
  ) {
    super(id);
  }
  protected override collect(bytes: Buffer): void {
    super.collect(bytes);
    if (this.user) void this.hub.detach(this, this.user);
  }
}

describe("a user's sessions", () => {
  it('all get a message even when one of them drops out while it is being handed out', async () => {
    const store = new MemoryStore();
    const users: UserRecord[] = ['alice', 'bob'].map((nick) => ({ nick, passwordHash: 'x', createdAt: 0, lastSeenAt: null, readCursor: 0 }));
    await store.createRoom({ name: 'general', visibility: 'public', owner: null, createdAt: 0 });
    for (const user of users) {
      await store.createUser(user);
      await store.addMember({ room: 'general', nick: user.nick, sinceId: 0 });
    }
    const hub = new ChatHub({ store, clock: fakeClock(), logger: new RecordingLogger(), bus: new LocalBus() });
    await hub.start();
    await hub.attach(new CollectingSession(1), users[0] as UserRecord);
    const stalled = new StalledSession(2, hub);
    stalled.user = (await hub.attach(stalled, users[1] as UserRecord)).user;
    const reading = new CollectingSession(3);
    await hub.attach(reading, users[1] as UserRecord);

    await (await hub.postToRoom('alice', 'general', 'hello')).stored;

    expect(reading.lines.some((line) => line.endsWith('<alice> hello'))).to.equal(true);
    expect(hub.presenceOf('bob').sessions).to.equal(1);
    await hub.close();
  });
});
