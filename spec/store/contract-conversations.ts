import { expect } from 'chai';
import type { ChatStore } from '../../lib/store/chat-store.js';
import { privateMsg, roomMsg } from './contract-helpers.js';

/**
 * The contract for history paged by id (IRC's CHATHISTORY): one room's messages, or the
 * private messages between two users. Part of storeContract; `current` is the test's
 * fresh store.
 */
export function conversationContract(current: () => ChatStore): void {
  describe('conversations paged by id', () => {
    let store: ChatStore;
    let ids: number[];

    beforeEach(async () => {
      store = current();
      // ids 1-8, in this order.
      ids = (
        await store.appendMessages([
          roomMsg('lobby', 'alice', 'l1'),
          privateMsg('alice', 'Bob', 'p1'),
          roomMsg('dev', 'bob', 'd1'),
          roomMsg('lobby', 'bob', 'l2'),
          privateMsg('bob', 'ALICE', 'p2'),
          privateMsg('alice', 'carol', 'c1'),
          roomMsg('lobby', 'carol', 'l3'),
          privateMsg('alice', 'alice', 'self'),
        ])
      ).map((m) => m.id);
    });

    async function texts(...args: Parameters<ChatStore['conversation']>): Promise<string[]> {
      return (await store.conversation(...args)).map((m) => m.text);
    }

    it("pages a room's messages from either end, oldest first, between exclusive bounds", async () => {
      const [l1, , , l2, , , l3] = ids;
      expect(await texts({ room: 'lobby' }, 0, undefined, 10, 'newest')).to.deep.equal(['l1', 'l2', 'l3']);
      expect(await texts({ room: 'lobby' }, 0, undefined, 2, 'newest')).to.deep.equal(['l2', 'l3']);
      expect(await texts({ room: 'lobby' }, 0, undefined, 2, 'oldest')).to.deep.equal(['l1', 'l2']);
      expect(await texts({ room: 'lobby' }, l1!, l3, 10, 'oldest')).to.deep.equal(['l2']);
      expect(await texts({ room: 'lobby' }, l2!, undefined, 10, 'oldest')).to.deep.equal(['l3']);
      expect(await texts({ room: 'lobby' }, 0, l2, 10, 'newest')).to.deep.equal(['l1']);
      expect(await texts({ room: 'nowhere' }, 0, undefined, 10, 'newest')).to.deep.equal([]);
      expect(await texts({ room: 'lobby' }, 0, undefined, 0, 'newest')).to.deep.equal([]);
    });

    it('pages the private messages between two users, both ways and in any case, and nobody else’s', async () => {
      const [, p1] = ids;
      expect(await texts({ between: ['alice', 'bob'] }, 0, undefined, 10, 'newest')).to.deep.equal(['p1', 'p2']);
      expect(await texts({ between: ['BOB', 'Alice'] }, 0, undefined, 10, 'oldest')).to.deep.equal(['p1', 'p2']);
      expect(await texts({ between: ['alice', 'bob'] }, p1!, undefined, 10, 'oldest')).to.deep.equal(['p2']);
      expect(await texts({ between: ['alice', 'bob'] }, 0, undefined, 1, 'newest')).to.deep.equal(['p2']);
      expect(await texts({ between: ['alice', 'carol'] }, 0, undefined, 10, 'newest')).to.deep.equal(['c1']);
      expect(await texts({ between: ['alice', 'alice'] }, 0, undefined, 10, 'newest')).to.deep.equal(['self']);
      expect(await texts({ between: ['bob', 'carol'] }, 0, undefined, 10, 'newest')).to.deep.equal([]);
    });
  });
}
