import { expect } from 'chai';
import type { ChatStore } from '../../lib/store/chat-store.js';
import { T0, comment, member, privateMsg, roomMsg } from './contract-helpers.js';

/**
 * The contract for what a user has not read yet: their rooms' messages since they joined,
 * and private messages to and from them. Part of storeContract; `current` is the test's
 * fresh store.
 */
export function unreadContract(current: () => ChatStore): void {
  describe('unread messages', () => {
    let store: ChatStore;

    beforeEach(() => {
      store = current();
    });

    /** Texts of a user's unread page, for readable expectations. */
    async function unreadTexts(nick: string, afterId: number, limit = 100): Promise<string[]> {
      return (await store.unreadFor(nick, afterId, limit)).messages.map((m) => m.text);
    }

    it('has nothing for a user with no rooms and no private messages', async () => {
      await store.appendMessages([roomMsg('lobby', 'bob', 'hi'), privateMsg('bob', 'carol', 'psst')]);
      expect(await store.unreadFor('alice', 0, 10)).to.deep.equal({ messages: [], total: 0, totalIsLowerBound: false });
    });

    it("includes messages of the user's rooms above afterId, from anyone, oldest first", async () => {
      await store.addMember(member('lobby', 'Alice', 0));
      await store.addMember(member('dev', 'Alice', 0));
      const [first] = await store.appendMessages([
        roomMsg('lobby', 'bob', 'lobby 1'),
        roomMsg('dev', 'carol', 'dev 1'),
        roomMsg('lobby', 'alice', 'lobby 2'),
        roomMsg('dev', 'bob', 'dev 2'),
      ]);
      expect(await unreadTexts('alice', 0)).to.deep.equal(['lobby 1', 'dev 1', 'lobby 2', 'dev 2']);
      expect(await unreadTexts('ALICE', first!.id)).to.deep.equal(['dev 1', 'lobby 2', 'dev 2']);
    });

    it("skips a room's messages up to the membership's sinceId", async () => {
      const [early] = await store.appendMessages([roomMsg('lobby', 'bob', 'before joining')]);
      await store.addMember(member('lobby', 'alice', early!.id));
      await store.appendMessages([roomMsg('lobby', 'bob', 'after joining')]);
      expect(await store.unreadFor('alice', 0, 10)).to.deep.include({ total: 1 });
      expect(await unreadTexts('alice', 0)).to.deep.equal(['after joining']);
    });

    it('includes private messages to and from the user, matching nicks in any case', async () => {
      await store.appendMessages([
        privateMsg('bob', 'ALICE', 'to alice'),
        privateMsg('Alice', 'bob', 'from alice'),
        privateMsg('carol', 'alice', 'also to alice'),
      ]);
      expect(await unreadTexts('alice', 0)).to.deep.equal(['to alice', 'from alice', 'also to alice']);
    });

    it('counts a note to oneself once', async () => {
      await store.appendMessages([privateMsg('alice', 'Alice', 'note to self')]);
      expect(await store.unreadFor('alice', 0, 10)).to.deep.include({ total: 1 });
      expect(await unreadTexts('alice', 0)).to.deep.equal(['note to self']);
    });

    it("leaves out other people's private messages and rooms the user is not in", async () => {
      await store.addMember(member('lobby', 'alice', 0));
      await store.addMember(member('secret', 'bob', 0));
      await store.appendMessages([
        privateMsg('bob', 'carol', 'between bob and carol'),
        roomMsg('secret', 'bob', 'in secret'),
        roomMsg('lobby', 'bob', 'in lobby'),
      ]);
      expect(await store.unreadFor('alice', 0, 10)).to.deep.include({ total: 1 });
      expect(await unreadTexts('alice', 0)).to.deep.equal(['in lobby']);
    });

    it('stops including a room once the user has left it, even their own messages there', async () => {
      await store.addMember(member('lobby', 'alice', 0));
      await store.appendMessages([roomMsg('lobby', 'alice', 'mine'), roomMsg('lobby', 'bob', 'theirs')]);
      await store.removeMember('lobby', 'alice');
      expect(await store.unreadFor('alice', 0, 10)).to.deep.equal({ messages: [], total: 0, totalIsLowerBound: false });
    });

    it('with more unread than the limit, returns the newest ones oldest first and the full total', async () => {
      await store.addMember(member('lobby', 'alice', 0));
      await store.addMember(member('dev', 'alice', 0));
      const stored = await store.appendMessages([
        roomMsg('lobby', 'bob', '1'),
        privateMsg('bob', 'alice', '2'),
        roomMsg('dev', 'bob', '3'),
        roomMsg('lobby', 'bob', '4'),
        privateMsg('alice', 'carol', '5'),
        roomMsg('dev', 'carol', '6'),
        roomMsg('secret', 'bob', 'not hers'),
      ]);
      const page = await store.unreadFor('alice', 0, 3);
      expect(page.total).to.equal(6);
      expect(page.messages).to.deep.equal([stored[3], stored[4], stored[5]]);
      expect(await store.unreadFor('alice', stored[3]!.id, 1)).to.deep.equal({ messages: [stored[5]], total: 2, totalIsLowerBound: false });
    });

    it('with a limit of 0, returns only the total', async () => {
      await store.addMember(member('lobby', 'alice', 0));
      await store.appendMessages([roomMsg('lobby', 'bob', 'a'), privateMsg('bob', 'alice', 'b')]);
      expect(await store.unreadFor('alice', 0, 0)).to.deep.equal({ messages: [], total: 2, totalIsLowerBound: false });
    });

    it('includes comments, with their parent and quote, and delivery times once marked', async () => {
      await store.addMember(member('lobby', 'alice', 0));
      const [root, direct] = await store.appendMessages([
        roomMsg('lobby', 'bob', 'root'),
        privateMsg('bob', 'alice', 'direct'),
      ]);
      const [onRoot, onDirect] = await store.appendMessages([
        comment(root!, 'carol', 'on root'),
        comment(direct!, 'alice', 'on direct'),
      ]);
      await store.markDelivered([{ id: direct!.id, at: T0 + 7 }]);
      expect(await store.unreadFor('alice', 0, 10)).to.deep.equal({
        messages: [root, { ...direct!, deliveredAt: T0 + 7 }, onRoot, onDirect],
        total: 4,
        totalIsLowerBound: false,
      });
      expect(onDirect!.to).to.equal('bob');
    });

    it('has nothing once afterId reaches the last message', async () => {
      await store.addMember(member('lobby', 'alice', 0));
      await store.appendMessages([roomMsg('lobby', 'bob', 'a'), privateMsg('bob', 'alice', 'b')]);
      const lastId = await store.lastMessageId();
      expect(await store.unreadFor('alice', lastId, 10)).to.deep.equal({ messages: [], total: 0, totalIsLowerBound: false });
    });
  });
}
