import { expect } from 'chai';
import type { ChatStore } from '../../lib/store/chat-store.js';
import { T0, comment, ids, member, privateMsg, roomMsg } from './contract-helpers.js';

/**
 * The contract for changing stored messages: editing their text and deleting them. Part of
 * storeContract; `current` is the test's fresh store.
 */
export function changesContract(current: () => ChatStore): void {
  describe('editing messages', () => {
    it('replaces the text and records when, wherever the message is read from, and requotes its comments', async () => {
      const store = current();
      await store.addMember(member('lobby', 'bob', 0));
      const [root, direct] = await store.appendMessages([roomMsg('lobby', 'alice', 'helo'), privateMsg('alice', 'bob', 'psst')]);
      const [onRoot] = await store.appendMessages([comment(root!, 'bob', 'typo')]);
      const edited = await store.editMessage(root!.id, 'hello', T0 + 60_000, 'alice: "hello"');
      const expected = { ...root!, text: 'hello', editedAt: T0 + 60_000 };
      expect(edited).to.deep.equal(expected);
      expect(await store.getMessage(root!.id)).to.deep.equal(expected);
      const requoted = { ...onRoot!, quote: 'alice: "hello"' };
      expect(await store.roomHistory('lobby', 10)).to.deep.equal([expected, requoted]);
      expect(await store.conversation({ room: 'lobby' }, 0, onRoot!.id, 1, 'newest')).to.deep.equal([expected]);
      expect((await store.unreadFor('bob', 0, 10)).messages).to.deep.equal([expected, direct, requoted]);
      const editedComment = await store.editMessage(onRoot!.id, 'no typo', T0 + 1, 'bob: "no typo"');
      expect(editedComment).to.deep.equal({ ...requoted, text: 'no typo', editedAt: T0 + 1 });
      expect(await store.threadOf(root!.id)).to.deep.equal([editedComment]);
    });

    it('keeps the time of the last edit, and edits private messages too', async () => {
      const store = current();
      const [direct] = await store.appendMessages([privateMsg('alice', 'bob', 'one')]);
      await store.markDelivered([{ id: direct!.id, at: T0 + 5 }]);
      await store.editMessage(direct!.id, 'two', T0 + 10, 'q');
      await store.editMessage(direct!.id, 'three', T0 + 20, 'q');
      const expected = { ...direct!, text: 'three', deliveredAt: T0 + 5, editedAt: T0 + 20 };
      expect(await store.conversation({ between: ['bob', 'alice'] }, 0, undefined, 10, 'newest')).to.deep.equal([expected]);
    });

    it('finds nothing to edit for an id never assigned, and creates nothing', async () => {
      const store = current();
      const [only] = await store.appendMessages([roomMsg('lobby', 'alice', 'hi')]);
      expect(await store.editMessage(only!.id + 1000, 'new', T0, 'q')).to.equal(undefined);
      expect(await store.getMessage(only!.id + 1000)).to.equal(undefined);
      expect(await store.countMessages()).to.equal(1);
    });
  });

  describe('deleting messages', () => {
    it('removes a message from everywhere it is read, keeping its id and the sender\'s count used', async () => {
      const store = current();
      await store.addMember(member('lobby', 'bob', 0));
      const [keep, gone, direct, goneDirect] = await store.appendMessages([
        roomMsg('lobby', 'alice', 'keep'),
        roomMsg('lobby', 'alice', 'oops'),
        privateMsg('alice', 'bob', 'fine'),
        privateMsg('alice', 'bob', 'wrong person'),
      ]);
      expect(await store.deleteMessage(gone!.id)).to.deep.equal(gone);
      expect(await store.deleteMessage(goneDirect!.id)).to.deep.equal(goneDirect);
      expect(await store.getMessage(gone!.id)).to.equal(undefined);
      expect(await store.roomHistory('lobby', 10)).to.deep.equal([keep]);
      expect(await store.conversation({ between: ['alice', 'bob'] }, 0, undefined, 10, 'newest')).to.deep.equal([direct]);
      expect(await store.unreadFor('bob', 0, 10)).to.deep.equal({ messages: [keep, direct], total: 2, totalIsLowerBound: false });
      expect(await store.countMessages()).to.equal(2);
      expect(await store.countSent('alice')).to.equal(4);
      const last = await store.lastMessageId();
      const [next] = await store.appendMessages([roomMsg('lobby', 'alice', 'next')]);
      expect(next!.id).to.be.greaterThan(last);
    });

    it("keeps the comments on a deleted message, without their quote of it, and drops a deleted comment from its thread", async () => {
      const store = current();
      const [root] = await store.appendMessages([roomMsg('lobby', 'alice', 'the root')]);
      const [first, second] = await store.appendMessages([comment(root!, 'bob', 'first'), comment(root!, 'carol', 'second')]);
      await store.deleteMessage(second!.id);
      expect(await store.threadOf(root!.id)).to.deep.equal([first]);
      await store.deleteMessage(root!.id);
      const unquoted = { ...first!, quote: null };
      expect(await store.getMessage(first!.id)).to.deep.equal(unquoted);
      expect(await store.roomHistory('lobby', 10)).to.deep.equal([unquoted]);
    });

    it('deletes a message once: again, or an id never assigned, finds nothing', async () => {
      const store = current();
      const [message] = await store.appendMessages([roomMsg('lobby', 'alice', 'hi')]);
      await store.deleteMessage(message!.id);
      expect(await store.deleteMessage(message!.id)).to.equal(undefined);
      expect(await store.deleteMessage(message!.id + 1000)).to.equal(undefined);
      expect(await store.countMessages()).to.equal(0);
    });

    it('leaves nothing for expiry to find later', async () => {
      const store = current();
      const [room, direct] = await store.appendMessages([roomMsg('lobby', 'alice', 'a'), privateMsg('alice', 'bob', 'b')]);
      await store.markDelivered([{ id: direct!.id, at: T0 }]);
      await store.deleteMessage(room!.id);
      await store.deleteMessage(direct!.id);
      expect(await store.deleteExpired(T0 + 1, T0 + 1)).to.deep.equal([]);
      expect(await store.countMessages()).to.equal(0);
      expect(ids(await store.roomHistory('lobby', 10))).to.deep.equal([]);
    });
  });
}
