import { expect } from 'chai';
import type { ChatCore } from '../../../lib/chat/chat-core.js';
import { LocalBus } from '../../../lib/chat/hub/events.js';
import type { OnlineUser } from '../../../lib/chat/hub/online-user.js';
import { MemoryStore } from '../../../lib/store/memory/memory-store.js';
import type { UserRecord } from '../../../lib/store/records.js';
import { fakeClock } from '../../helpers/fake-clock.js';
import { CollectingSession } from '../../helpers/collecting-session.js';
import { seedRoom, testChat } from '../../helpers/test-chat.js';

/** A session whose client stopped reading: the first line it is handed overflows its queue, and it leaves. */
class StalledSession extends CollectingSession {
  user: OnlineUser | undefined;
  constructor(
    id: number,
    private readonly chat: ChatCore,
  ) {
    super(id);
  }
  protected override collect(bytes: Buffer): void {
    super.collect(bytes);
    if (this.user) void this.chat.detach(this, this.user);
  }
}

describe("a user's sessions", () => {
  it('all get a message even when one of them drops out while it is being handed out', async () => {
    const store = new MemoryStore();
    const users = await seedRoom(store, 'general', ['alice', 'bob']);
    const chat = testChat({ store, clock: fakeClock(), bus: new LocalBus() });
    await chat.start();
    await chat.attach(new CollectingSession(1), users[0] as UserRecord);
    const stalled = new StalledSession(2, chat);
    stalled.user = (await chat.attach(stalled, users[1] as UserRecord)).user;
    const reading = new CollectingSession(3);
    await chat.attach(reading, users[1] as UserRecord);

    await (await chat.messages.post('alice', 'general', 'hello')).stored;

    expect(reading.lines.some((line) => line.endsWith('<alice> hello'))).to.equal(true);
    expect(chat.presence.of('bob').sessions).to.equal(1);
    await chat.close();
  });
});
