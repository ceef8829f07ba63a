import { expect } from 'chai';
import type { ChatStore } from '../../lib/store/chat-store.js';
import type { MessageRecord } from '../../lib/store/records.js';
import { T0, comment, ids, privateMsg, roomMsg } from './contract-helpers.js';

/**
 * The contract for reading history page by page: a room's, and the private conversation of
 * two users. Part of storeContract; `current` is the test's fresh store.
 */
export function historyContract(current: () => ChatStore): void {
  describe('pages of history', () => {
    let store: ChatStore;
    let lobby: MessageRecord[];
    let talk: MessageRecord[];

    beforeEach(async () => {
      store = current();
      lobby = [];
      talk = [];
      for (let n = 1; n <= 5; n++) {
        const [inLobby, ab, ba] = await store.appendMessages([
          roomMsg('lobby', 'alice', `lobby ${n}`),
          privateMsg('Alice', 'bob', `alice to bob ${n}`),
          privateMsg('bob', 'alice', `bob to alice ${n}`),
          privateMsg('alice', 'carol', `alice to carol ${n}`),
          privateMsg('carol', 'bob', `carol to bob ${n}`),
          roomMsg('dev', 'bob', `dev ${n}`),
        ]);
        lobby.push(inLobby!);
        talk.push(ab!, ba!);
      }
    });

    it("pages through a room: the newest, those before an id, those after one, oldest first", async () => {
      expect(await store.conversation({ room: 'lobby' }, 0, undefined, 2, 'newest')).to.deep.equal(lobby.slice(3));
      expect(await store.conversation({ room: 'lobby' }, 0, lobby[3]!.id, 2, 'newest')).to.deep.equal(lobby.slice(1, 3));
      expect(await store.conversation({ room: 'lobby' }, lobby[1]!.id, undefined, 2, 'oldest')).to.deep.equal(lobby.slice(2, 4));
      expect(await store.conversation({ room: 'lobby' }, lobby[3]!.id, undefined, 10, 'oldest')).to.deep.equal(lobby.slice(4));
      expect(await store.conversation({ room: 'lobby' }, lobby[4]!.id, undefined, 10, 'oldest')).to.deep.equal([]);
      expect(await store.conversation({ room: 'lobby' }, 0, lobby[0]!.id, 10, 'newest')).to.deep.equal([]);
      expect(await store.conversation({ room: 'lobby' }, 0, undefined, 0, 'newest')).to.deep.equal([]);
    });

    it('pages through the private messages two users exchanged, both ways, and nobody else\'s', async () => {
      expect(await store.conversation({ between: ['alice', 'bob'] }, 0, undefined, 100, 'newest')).to.deep.equal(talk);
      expect(await store.conversation({ between: ['BOB', 'Alice'] }, 0, undefined, 3, 'newest')).to.deep.equal(talk.slice(7));
      expect(await store.conversation({ between: ['bob', 'alice'] }, 0, talk[4]!.id, 3, 'newest')).to.deep.equal(talk.slice(1, 4));
      expect(await store.conversation({ between: ['alice', 'bob'] }, talk[4]!.id, undefined, 3, 'oldest')).to.deep.equal(talk.slice(5, 8));
      const carol = await store.conversation({ between: ['carol', 'alice'] }, 0, undefined, 100, 'newest');
      expect(carol.map((m) => m.text)).to.deep.equal([1, 2, 3, 4, 5].map((n) => `alice to carol ${n}`));
      expect(await store.conversation({ between: ['alice', 'dave'] }, 0, undefined, 100, 'newest')).to.deep.equal([]);
    });

    it('includes comments in the conversation they belong to', async () => {
      const [onRoom, onPrivate] = await store.appendMessages([comment(lobby[0]!, 'bob', 'on lobby'), comment(talk[0]!, 'bob', 'on talk')]);
      expect(await store.conversation({ room: 'lobby' }, 0, undefined, 1, 'newest')).to.deep.equal([onRoom]);
      expect(await store.conversation({ between: ['alice', 'bob'] }, 0, undefined, 1, 'newest')).to.deep.equal([onPrivate]);
    });

    it('lists a note to oneself once', async () => {
      const [note] = await store.appendMessages([privateMsg('dave', 'Dave', 'remember the milk')]);
      expect(await store.conversation({ between: ['dave', 'dave'] }, 0, undefined, 10, 'newest')).to.deep.equal([note]);
    });

    it('leaves out deleted (expired) messages', async () => {
      await store.markDelivered(talk.slice(0, 4).map((m) => ({ id: m.id, at: T0 + 1 })));
      await store.deleteExpired(T0 + 1, T0 + 2);
      expect(ids(await store.conversation({ between: ['alice', 'bob'] }, 0, undefined, 100, 'newest'))).to.deep.equal(ids(talk.slice(4)));
      expect(await store.conversation({ room: 'lobby' }, 0, undefined, 100, 'newest')).to.deep.equal([]);
    });
  });
}
