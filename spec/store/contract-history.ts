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
      expect(await store.conversationPage({ room: 'lobby' }, 2, {})).to.deep.equal(lobby.slice(3));
      expect(await store.conversationPage({ room: 'lobby' }, 2, { before: lobby[3]!.id })).to.deep.equal(lobby.slice(1, 3));
      expect(await store.conversationPage({ room: 'lobby' }, 2, { after: lobby[1]!.id })).to.deep.equal(lobby.slice(2, 4));
      expect(await store.conversationPage({ room: 'lobby' }, 10, { after: lobby[3]!.id })).to.deep.equal(lobby.slice(4));
      expect(await store.conversationPage({ room: 'lobby' }, 10, { after: lobby[4]!.id })).to.deep.equal([]);
      expect(await store.conversationPage({ room: 'lobby' }, 10, { before: lobby[0]!.id })).to.deep.equal([]);
      expect(await store.conversationPage({ room: 'lobby' }, 0, {})).to.deep.equal([]);
    });

    it('pages through the private messages two users exchanged, both ways, and nobody else\'s', async () => {
      expect(await store.conversationPage({ between: ['alice', 'bob'] }, 100, {})).to.deep.equal(talk);
      expect(await store.conversationPage({ between: ['BOB', 'Alice'] }, 3, {})).to.deep.equal(talk.slice(7));
      expect(await store.conversationPage({ between: ['bob', 'alice'] }, 3, { before: talk[4]!.id })).to.deep.equal(talk.slice(1, 4));
      expect(await store.conversationPage({ between: ['alice', 'bob'] }, 3, { after: talk[4]!.id })).to.deep.equal(talk.slice(5, 8));
      const carol = await store.conversationPage({ between: ['carol', 'alice'] }, 100, {});
      expect(carol.map((m) => m.text)).to.deep.equal([1, 2, 3, 4, 5].map((n) => `alice to carol ${n}`));
      expect(await store.conversationPage({ between: ['alice', 'dave'] }, 100, {})).to.deep.equal([]);
    });

    it('includes comments in the conversation they belong to', async () => {
      const [onRoom, onPrivate] = await store.appendMessages([comment(lobby[0]!, 'bob', 'on lobby'), comment(talk[0]!, 'bob', 'on talk')]);
      expect(await store.conversationPage({ room: 'lobby' }, 1, {})).to.deep.equal([onRoom]);
      expect(await store.conversationPage({ between: ['alice', 'bob'] }, 1, {})).to.deep.equal([onPrivate]);
    });

    it('lists a note to oneself once', async () => {
      const [note] = await store.appendMessages([privateMsg('dave', 'Dave', 'remember the milk')]);
      expect(await store.conversationPage({ between: ['dave', 'dave'] }, 10, {})).to.deep.equal([note]);
    });

    it('leaves out deleted (expired) messages', async () => {
      await store.markDelivered(talk.slice(0, 4).map((m) => ({ id: m.id, at: T0 + 1 })));
      await store.deleteExpired(T0 + 1, T0 + 2);
      expect(ids(await store.conversationPage({ between: ['alice', 'bob'] }, 100, {}))).to.deep.equal(ids(talk.slice(4)));
      expect(await store.conversationPage({ room: 'lobby' }, 100, {})).to.deep.equal([]);
    });
  });
}
