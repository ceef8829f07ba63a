import { expect } from 'chai';
import type { ChatStore } from '../../lib/store/chat-store.js';
import type { MessageRecord } from '../../lib/store/records.js';
import { T0, comment, ids, member, privateMsg, room, roomMsg, user } from './contract-helpers.js';

/**
 * The contract for what happens to messages after they are appended: threads of comments,
 * delivery times and expiry. Part of storeContract; `current` is the test's fresh store.
 */
export function lifecycleContract(current: () => ChatStore): void {
  describe('threads', () => {
    it('returns the comments on a message, oldest first, and nothing else', async () => {
      const store = current();
      const [first, second, unrelated] = await store.appendMessages([
        roomMsg('lobby', 'alice', 'first root'),
        roomMsg('lobby', 'bob', 'second root'),
        roomMsg('lobby', 'carol', 'no comments'),
      ]);
      const onFirst: MessageRecord[] = [];
      const onSecond: MessageRecord[] = [];
      for (let n = 1; n <= 3; n++) {
        const [a, b] = await store.appendMessages([
          comment(first!, 'bob', `first ${n}`),
          comment(second!, 'alice', `second ${n}`),
          roomMsg('lobby', 'dave', `chatter ${n}`),
        ]);
        onFirst.push(a!);
        onSecond.push(b!);
      }
      expect(await store.threadOf(first!.id)).to.deep.equal(onFirst);
      expect(await store.threadOf(second!.id)).to.deep.equal(onSecond);
      expect(await store.threadOf(unrelated!.id)).to.deep.equal([]);
      expect(await store.threadOf(onFirst[0]!.id)).to.deep.equal([]);
      expect(await store.threadOf(unrelated!.id + 1000)).to.deep.equal([]);
    });

    it('threads private messages too, whoever comments', async () => {
      const store = current();
      const [root] = await store.appendMessages([privateMsg('alice', 'bob', 'lunch?')]);
      const stored = await store.appendMessages([comment(root!, 'bob', 'yes'), comment(root!, 'bob', 'where?')]);
      expect(await store.threadOf(root!.id)).to.deep.equal(stored);
    });
  });

  describe('delivery', () => {
    it('records when a message was delivered', async () => {
      const store = current();
      const [direct, other] = await store.appendMessages([
        privateMsg('alice', 'bob', 'hi'),
        privateMsg('alice', 'carol', 'hi'),
      ]);
      await store.markDelivered([{ id: direct!.id, at: T0 + 5 }]);
      expect(await store.getMessage(direct!.id)).to.deep.equal({ ...direct!, deliveredAt: T0 + 5 });
      expect((await store.getMessage(other!.id))?.deliveredAt).to.equal(null);
    });

    it('keeps the first delivery time: a message marked again, in a later call or the same one, keeps it', async () => {
      const store = current();
      const [a, b] = await store.appendMessages([privateMsg('alice', 'bob', 'a'), privateMsg('alice', 'bob', 'b')]);
      await store.markDelivered([{ id: a!.id, at: T0 + 5 }]);
      await store.markDelivered([
        { id: a!.id, at: T0 + 9 },
        { id: b!.id, at: T0 + 7 },
        { id: b!.id, at: T0 + 8 },
      ]);
      expect((await store.getMessage(a!.id))?.deliveredAt).to.equal(T0 + 5);
      expect((await store.getMessage(b!.id))?.deliveredAt).to.equal(T0 + 7);
    });

    it('ignores ids never assigned, still marking the others, and an empty list', async () => {
      const store = current();
      const [direct] = await store.appendMessages([privateMsg('alice', 'bob', 'hi')]);
      await store.markDelivered([]);
      await store.markDelivered([
        { id: direct!.id + 1000, at: T0 + 1 },
        { id: direct!.id, at: T0 + 2 },
      ]);
      expect((await store.getMessage(direct!.id))?.deliveredAt).to.equal(T0 + 2);
      expect(await store.getMessage(direct!.id + 1000)).to.equal(undefined);
      expect(await store.countMessages()).to.equal(1);
    });
  });

  describe('expiry', () => {
    it('deletes room messages created before the cutoff and private ones delivered before theirs, returning the ids in order', async () => {
      const store = current();
      // Interleaved, so that the ids of the two kinds have to be merged.
      const [room0, undelivered, room10, private5, room15, private15, room20, private20, private30] =
        await store.appendMessages([
          roomMsg('lobby', 'alice', 'room at 0', { createdAt: T0 }),
          privateMsg('alice', 'bob', 'never delivered', { createdAt: T0 }),
          roomMsg('dev', 'bob', 'room at 10', { createdAt: T0 + 10 }),
          privateMsg('bob', 'alice', 'delivered at 5', { createdAt: T0 }),
          roomMsg('lobby', 'carol', 'room at 15', { createdAt: T0 + 15 }),
          privateMsg('carol', 'alice', 'delivered at 15', { createdAt: T0 }),
          roomMsg('lobby', 'alice', 'room at 20', { createdAt: T0 + 20 }),
          privateMsg('carol', 'bob', 'delivered at 20', { createdAt: T0 }),
          privateMsg('alice', 'carol', 'delivered at 30', { createdAt: T0 + 30 }),
        ]);
      await store.markDelivered([
        { id: private5!.id, at: T0 + 5 },
        { id: private15!.id, at: T0 + 15 },
        { id: private20!.id, at: T0 + 20 },
        { id: private30!.id, at: T0 + 30 },
      ]);

      // Rooms: created before T0 + 15. Private: delivered before T0 + 20. Both cutoffs exclusive.
      const deleted = await store.deleteExpired(T0 + 15, T0 + 20);
      expect(deleted).to.deep.equal(ids([room0!, room10!, private5!, private15!]));

      for (const gone of [room0, room10, private5, private15]) expect(await store.getMessage(gone!.id)).to.equal(undefined);
      for (const kept of [undelivered, room15, room20]) expect(await store.getMessage(kept!.id)).to.deep.equal(kept);
      expect((await store.getMessage(private20!.id))?.deliveredAt).to.equal(T0 + 20);
      expect((await store.getMessage(private30!.id))?.deliveredAt).to.equal(T0 + 30);
      expect(await store.countMessages()).to.equal(5);
      expect(await store.deleteExpired(T0 + 15, T0 + 20)).to.deep.equal([]);
    });

    it('counts for each registered member the room messages that expired before they read them, told once', async () => {
      const store = current();
      for (const nick of ['alice', 'Bob', 'carol', 'dave']) await store.createUser(user(nick));
      await store.createRoom(room('lobby'));
      await store.createRoom(room('dev'));
      const [m1, m2, m3, m4, fresh] = await store.appendMessages([
        roomMsg('lobby', 'alice', 'one'),
        roomMsg('lobby', 'alice', 'two'),
        roomMsg('lobby', 'alice', 'three'),
        roomMsg('dev', 'alice', 'four'),
        roomMsg('lobby', 'alice', 'still fresh', { createdAt: T0 + 100 }),
      ]);
      await store.appendMessages([privateMsg('alice', 'dave', 'private ones are not counted')]);
      await store.addMember(member('lobby', 'alice', 0));
      await store.addMember(member('dev', 'alice', 0));
      await store.addMember(member('lobby', 'bob', 0));
      // carol joined after the first two; dave is in no room; eve has no account.
      await store.addMember(member('lobby', 'carol', m2!.id));
      await store.addMember(member('lobby', 'eve', 0));
      await store.updateReadStates([{ nick: 'BOB', readCursor: m1!.id, lastSeenAt: null }]);

      expect(await store.deleteExpired(T0 + 1, T0 + 1)).to.deep.equal(ids([m1!, m2!, m3!, m4!]));
      expect(fresh).to.not.equal(undefined);
      expect(await store.takeExpiredUnread('ALICE')).to.equal(4);
      expect(await store.takeExpiredUnread('bob')).to.equal(2);
      expect(await store.takeExpiredUnread('carol')).to.equal(1);
      expect(await store.takeExpiredUnread('dave')).to.equal(0);
      expect(await store.takeExpiredUnread('eve')).to.equal(0);
      expect(await store.takeExpiredUnread('alice'), 'told once').to.equal(0);

      // Counts add up over sweeps until they are taken.
      await store.deleteExpired(T0 + 101, T0 + 1);
      await store.deleteExpired(T0 + 101, T0 + 1);
      expect(await store.takeExpiredUnread('alice')).to.equal(1);
      expect(await store.takeExpiredUnread('bob')).to.equal(1);
    });

    it('keeps undelivered private messages, however old', async () => {
      const store = current();
      const [old] = await store.appendMessages([privateMsg('alice', 'bob', 'waiting', { createdAt: 0 })]);
      expect(await store.deleteExpired(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).to.deep.equal([]);
      expect(await store.getMessage(old!.id)).to.deep.equal(old);
    });

    it('returns no ids when there is nothing to delete', async () => {
      const store = current();
      expect(await store.deleteExpired(T0, T0)).to.deep.equal([]);
      await store.appendMessages([roomMsg('lobby', 'alice', 'fresh', { createdAt: T0 })]);
      expect(await store.deleteExpired(T0, T0)).to.deep.equal([]);
      expect(await store.countMessages()).to.equal(1);
    });

    it('never hands out a deleted id again: lastMessageId stays the highest ever assigned', async () => {
      const store = current();
      const stored = await store.appendMessages([
        roomMsg('lobby', 'alice', 'a'),
        roomMsg('lobby', 'alice', 'b'),
        roomMsg('lobby', 'alice', 'c'),
      ]);
      const highest = stored[2]!.id;
      expect(await store.deleteExpired(T0 + 1, 0)).to.deep.equal(ids(stored));
      expect(await store.countMessages()).to.equal(0);
      expect(await store.lastMessageId()).to.equal(highest);
      const [next] = await store.appendMessages([roomMsg('lobby', 'alice', 'd')]);
      expect(next!.id).to.be.greaterThan(highest);
      expect(await store.lastMessageId()).to.equal(next!.id);
    });

    it('leaves deleted messages out of history, unread and threads, keeping the comments that remain', async () => {
      const store = current();
      await store.addMember(member('lobby', 'alice', 0));
      const [root, direct] = await store.appendMessages([
        roomMsg('lobby', 'bob', 'old root', { createdAt: T0 }),
        privateMsg('bob', 'alice', 'old direct', { createdAt: T0 }),
      ]);
      const [oldComment, newComment, newDirect] = await store.appendMessages([
        comment(root!, 'carol', 'old comment', { createdAt: T0 }),
        comment(root!, 'dave', 'new comment', { createdAt: T0 + 100 }),
        privateMsg('bob', 'alice', 'new direct', { createdAt: T0 + 100 }),
      ]);
      await store.markDelivered([
        { id: direct!.id, at: T0 + 1 },
        { id: newDirect!.id, at: T0 + 100 },
      ]);

      expect(await store.deleteExpired(T0 + 50, T0 + 50)).to.deep.equal(ids([root!, direct!, oldComment!]));

      expect(await store.roomHistory('lobby', 10)).to.deep.equal([newComment]);
      const deliveredDirect = { ...newDirect!, deliveredAt: T0 + 100 };
      expect(await store.unreadFor('alice', 0, 10)).to.deep.equal({ messages: [newComment, deliveredDirect], total: 2, totalIsLowerBound: false });
      expect(await store.unreadFor('bob', 0, 10)).to.deep.equal({ messages: [deliveredDirect], total: 1, totalIsLowerBound: false });
      // The root is gone, but a comment that has not expired is still found by it.
      expect(await store.threadOf(root!.id)).to.deep.equal([newComment]);
    });
  });
}
