import { expect } from 'chai';
import { LocalBus } from '../../../lib/chat/hub/events.js';
import { MemoryStore } from '../../../lib/store/memory/memory-store.js';
import { fakeClock } from '../../helpers/fake-clock.js';
import { testChat } from '../../helpers/test-chat.js';
import { room } from '../../helpers/records.js';

describe('a hub starting while other servers are busy', () => {
  it('applies what another server changed while it was loading, after the load', async () => {
    const clock = fakeClock();
    const store = new MemoryStore();
    const bus = new LocalBus();
    await store.createRoom(room('dev', { owner: 'alice', createdAt: 0 }));
    await store.addMember({ room: 'dev', nick: 'alice', sinceId: 0 });
    // Another server acts after this one subscribed but before its load returns.
    const load = store.listMemberships.bind(store);
    store.listMemberships = async () => {
      const memberships = await load();
      bus.publish({ type: 'room-created', room: room('ops', { owner: 'bob', createdAt: 1 }) });
      bus.publish({ type: 'member-joined', room: 'ops', nick: 'bob' });
      bus.publish({ type: 'member-left', room: 'dev', nick: 'alice' });
      bus.publish({ type: 'member-joined', room: 'dev', nick: 'carol' });
      return memberships;
    };
    const chat = testChat({ store, clock, bus });
    await chat.start();
    expect(chat.rooms.roomsOf('bob')).to.deep.equal(['ops']);
    expect(chat.rooms.members('dev').map((m) => m.nick)).to.deep.equal(['carol']);
    await chat.close();
    expect(clock.pending()).to.equal(0);
  });
});
