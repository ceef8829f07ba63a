import { expect } from 'chai';
import type { OnlineUser } from '../../../lib/chat/hub/online-user.js';
import { ignoreSet } from '../../../lib/chat/hub/online-user.js';
import { ReadState } from '../../../lib/chat/hub/read-state.js';
import { MemoryStore } from '../../../lib/store/memory/memory-store.js';
import type { ReadStateUpdate } from '../../../lib/store/user-store.js';
import { fakeClock } from '../../helpers/fake-clock.js';
import { RecordingLogger } from '../../helpers/recording-logger.js';
import { user } from '../../helpers/records.js';

function online(nick: string, readCursor: number): OnlineUser {
  return { nick, sessions: [], readCursor, persistedCursor: 0, ignores: ignoreSet([]), away: null, mentionedIn: 0 };
}

describe('ReadState', () => {
  async function setUp(users: OnlineUser[]) {
    const clock = fakeClock(1_000_000);
    const logger = new RecordingLogger();
    const store = new MemoryStore();
    for (const { nick } of users) await store.createUser(user(nick, { readCursor: 0 }));
    const calls: (readonly ReadStateUpdate[])[] = [];
    const write = store.updateReadStates.bind(store);
    store.updateReadStates = (updates) => {
      calls.push(updates);
      return write(updates);
    };
    const readState = new ReadState({ store, clock, logger, online: () => users, handledUpTo: () => 50 });
    return { clock, logger, store, calls, readState };
  }

  it('writes the cursors of everyone who read something new in one store call', async () => {
    const users = [online('alice', 10), online('bob', 20), online('carol', 0)];
    const { store, calls, readState, clock } = await setUp(users);
    await readState.flush();
    expect(calls).to.have.length(1);
    expect(calls[0]?.map((u) => u.nick)).to.deep.equal(['alice', 'bob']);
    expect((await store.getUser('bob'))?.readCursor).to.equal(20);
    expect((await store.getUser('bob'))?.lastSeenAt).to.equal(clock.now());
    // Nothing new since: nothing is written.
    await readState.flush();
    expect(calls).to.have.length(1);
  });

  it('never records a cursor past what has reached this server', async () => {
    const users = [online('alice', 80)];
    const { store, readState } = await setUp(users);
    await readState.flush();
    expect((await store.getUser('alice'))?.readCursor).to.equal(50);
    expect(users[0]?.persistedCursor).to.equal(50);
  });

  it('logs a failed write once and tries the same users again at the next flush', async () => {
    const users = [online('alice', 10), online('bob', 20)];
    const { store, logger, calls, readState } = await setUp(users);
    const write = store.updateReadStates.bind(store);
    store.updateReadStates = () => Promise.reject(new Error('disk full'));
    await readState.flush();
    expect(logger.events('store.read_state_failed')).to.have.length(1);
    expect(users.map((u) => u.persistedCursor)).to.deep.equal([0, 0]);
    store.updateReadStates = write;
    await readState.flush();
    expect(calls.at(-1)?.map((u) => u.nick)).to.deep.equal(['alice', 'bob']);
    expect((await store.getUser('alice'))?.readCursor).to.equal(10);
  });
});
