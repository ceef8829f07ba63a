import { expect } from 'chai';
import type { ChatStore } from '../../lib/store/chat-store.js';
import type { MessageRecord, NewMessage } from '../../lib/store/records.js';
import {
  T0,
  asStored,
  byName,
  byRoomAndNick,
  comment,
  expectStrictlyIncreasing,
  ids,
  member,
  privateMsg,
  rejection,
  room,
  roomMsg,
  user,
  withoutId,
} from './contract-helpers.js';
import { keysContract } from './contract-keys.js';
import { conversationContract } from './contract-conversations.js';
import { changesContract } from './contract-changes.js';
import { historyContract } from './contract-history.js';
import { lifecycleContract } from './contract-lifecycle.js';
import { privateRoomsContract } from './contract-private-rooms.js';
import { profileContract } from './contract-profiles.js';
import { rulesContract } from './contract-rules.js';
import { searchContract } from './contract-search.js';
import { unreadContract } from './contract-unread.js';

/**
 * The behaviour every ChatStore must have (after aedes-persistence's abstract.js): each
 * implementation's spec calls this with a factory for a fresh, empty store. `cleanup` gets
 * each store after its test and must close it (and may remove files); the default closes it.
 * Tests never assume ids start at 1, only that they increase.
 */
export function storeContract(
  name: string,
  makeStore: () => Promise<ChatStore>,
  cleanup: (store: ChatStore) => Promise<void> = (store) => store.close(),
): void {
  describe(`ChatStore contract: ${name}`, () => {
    let store: ChatStore;

    beforeEach(async () => {
      store = await makeStore();
    });

    afterEach(async () => {
      await cleanup(store);
    });

    describe('users', () => {
      it('finds no user that was never created', async () => {
        expect(await store.getUser('nobody')).to.equal(undefined);
      });

      it('finds a created user in any case, keeping the nick as registered', async () => {
        const alice = user('Alice', { readCursor: 7, lastSeenAt: T0 + 5 });
        expect(await store.createUser(alice)).to.equal(true);
        expect(await store.getUser('Alice')).to.deep.equal(alice);
        expect(await store.getUser('alice')).to.deep.equal(alice);
        expect(await store.getUser('ALICE')).to.deep.equal(alice);
      });

      it('refuses a nick already taken in another case and keeps the first registration', async () => {
        const first = user('Alice', { passwordHash: 'first' });
        await store.createUser(first);
        expect(await store.createUser(user('aLiCe', { passwordHash: 'second' }))).to.equal(false);
        expect(await store.getUser('alice')).to.deep.equal(first);
        expect(await store.countUsers()).to.equal(1);
      });

      it('finds a registered nick that looks like another, but not the nick itself in any case', async () => {
        await store.createUser(user('Victim'));
        await store.createUser(user('bob'));
        for (const twin of ['vict1m', 'VICT1M', 'vlctim', 'v1ct1m']) expect(await store.lookAlike(twin), twin).to.equal('Victim');
        expect(await store.lookAlike('victim')).to.equal(undefined);
        expect(await store.lookAlike('VICTIM')).to.equal(undefined);
        expect(await store.lookAlike('victims')).to.equal(undefined);
        expect(await store.lookAlike('carol')).to.equal(undefined);
        await store.createUser(user('modern'));
        expect(await store.lookAlike('rnodern')).to.equal('modern');
      });

      it('counts registered users', async () => {
        expect(await store.countUsers()).to.equal(0);
        await store.createUser(user('alice'));
        await store.createUser(user('bob'));
        expect(await store.countUsers()).to.equal(2);
      });

      it('raises the read cursor and records when the user was last seen', async () => {
        await store.createUser(user('Alice'));
        await store.updateReadStates([{ nick: 'alice', readCursor: 10, lastSeenAt: T0 + 1 }]);
        const updated = await store.getUser('Alice');
        expect(updated?.readCursor).to.equal(10);
        expect(updated?.lastSeenAt).to.equal(T0 + 1);
      });

      it('never lowers the read cursor, but still records the last-seen time', async () => {
        await store.createUser(user('alice'));
        await store.updateReadStates([{ nick: 'alice', readCursor: 10, lastSeenAt: T0 + 1 }]);
        await store.updateReadStates([{ nick: 'ALICE', readCursor: 4, lastSeenAt: T0 + 2 }]);
        const updated = await store.getUser('alice');
        expect(updated?.readCursor).to.equal(10);
        expect(updated?.lastSeenAt).to.equal(T0 + 2);
      });

      it('keeps the recorded last-seen time when given null', async () => {
        await store.createUser(user('alice'));
        await store.updateReadStates([{ nick: 'alice', readCursor: 3, lastSeenAt: T0 + 1 }]);
        await store.updateReadStates([{ nick: 'alice', readCursor: 5, lastSeenAt: null }]);
        const updated = await store.getUser('alice');
        expect(updated?.readCursor).to.equal(5);
        expect(updated?.lastSeenAt).to.equal(T0 + 1);
      });

      it('ignores read-state updates for a nick that is not registered', async () => {
        await store.updateReadStates([{ nick: 'ghost', readCursor: 10, lastSeenAt: T0 }]);
        expect(await store.getUser('ghost')).to.equal(undefined);
        expect(await store.countUsers()).to.equal(0);
      });

      it('applies several read-state updates in one call, passing over unknown nicks', async () => {
        await store.createUser(user('alice'));
        await store.createUser(user('bob'));
        await store.updateReadStates([
          { nick: 'ALICE', readCursor: 7, lastSeenAt: T0 + 1 },
          { nick: 'ghost', readCursor: 9, lastSeenAt: T0 + 1 },
          { nick: 'bob', readCursor: 3, lastSeenAt: null },
        ]);
        expect((await store.getUser('alice'))?.readCursor).to.equal(7);
        expect((await store.getUser('alice'))?.lastSeenAt).to.equal(T0 + 1);
        expect((await store.getUser('bob'))?.readCursor).to.equal(3);
        expect(await store.getUser('ghost')).to.equal(undefined);
        await store.updateReadStates([]);
        expect((await store.getUser('bob'))?.readCursor).to.equal(3);
      });

      it('folds only ASCII letters when matching nicks, as SQLite NOCASE does', async () => {
        const accented = user('Émile');
        expect(await store.createUser(accented)).to.equal(true);
        expect(await store.createUser(user('émile'))).to.equal(true);
        expect(await store.getUser('ÉMILE')).to.deep.equal(accented);
        expect(await store.countUsers()).to.equal(2);
      });

      it('hands out copies: changing a record given or returned does not change the store', async () => {
        const alice = user('alice');
        await store.createUser(alice);
        alice.readCursor = 99;
        const fetched = await store.getUser('alice');
        fetched!.readCursor = 98;
        expect((await store.getUser('alice'))?.readCursor).to.equal(0);
      });
    });

    describe('rooms', () => {
      it('finds no room that was never created', async () => {
        expect(await store.getRoom('lobby')).to.equal(undefined);
      });

      it('creates a room that can then be found by name', async () => {
        const lobby = room('lobby', { visibility: 'private', owner: 'alice' });
        expect(await store.createRoom(lobby)).to.equal(true);
        expect(await store.getRoom('lobby')).to.deep.equal(lobby);
      });

      it('refuses a room that exists and keeps the first one', async () => {
        const first = room('lobby', { owner: 'alice' });
        await store.createRoom(first);
        expect(await store.createRoom(room('lobby', { owner: 'bob', visibility: 'private' }))).to.equal(false);
        expect(await store.getRoom('lobby')).to.deep.equal(first);
      });

      it('lists every room', async () => {
        const rooms = [room('lobby'), room('dev', { visibility: 'private', owner: 'bob' }), room('random')];
        for (const r of rooms) await store.createRoom(r);
        expect(byName(await store.listRooms())).to.deep.equal(byName(rooms));
      });

      it('lists no rooms when there are none', async () => {
        expect(await store.listRooms()).to.deep.equal([]);
      });

      it('keeps a topic with the room, replaces it and clears it; a room never made gets none', async () => {
        await store.createRoom(room('lobby'));
        const topic = { text: 'all about; the "lobby"', by: 'alice', at: T0 + 5 };
        expect(await store.setTopic('lobby', topic)).to.equal(true);
        expect(await store.getRoom('lobby')).to.deep.equal(room('lobby', { topic }));
        expect(await store.listRooms()).to.deep.equal([room('lobby', { topic })]);
        const next = { text: 'new', by: 'bob', at: T0 + 9 };
        await store.setTopic('lobby', next);
        expect((await store.getRoom('lobby'))?.topic).to.deep.equal(next);
        expect(await store.setTopic('lobby', null)).to.equal(true);
        expect(await store.getRoom('lobby')).to.deep.equal(room('lobby'));
        expect(await store.setTopic('nowhere', topic)).to.equal(false);
        expect(await store.getRoom('nowhere')).to.equal(undefined);
      });
    });

    describe('memberships', () => {
      it('lists added members', async () => {
        const memberships = [member('lobby', 'Alice', 0), member('lobby', 'bob', 3), member('dev', 'Alice', 5)];
        for (const m of memberships) await store.addMember(m);
        expect(byRoomAndNick(await store.listMemberships())).to.deep.equal(byRoomAndNick(memberships));
      });

      it('treats adding an existing member (in any case) as a no-op that keeps the original sinceId', async () => {
        await store.addMember(member('lobby', 'Alice', 3));
        await store.addMember(member('lobby', 'alice', 9));
        await store.addMember(member('lobby', 'Alice', 12));
        expect(await store.listMemberships()).to.deep.equal([member('lobby', 'Alice', 3)]);
      });

      it('removes only the given membership, matching the nick in any case', async () => {
        await store.addMember(member('lobby', 'Alice', 0));
        await store.addMember(member('dev', 'Alice', 0));
        await store.addMember(member('lobby', 'bob', 0));
        await store.removeMember('lobby', 'ALICE');
        expect(byRoomAndNick(await store.listMemberships())).to.deep.equal(
          byRoomAndNick([member('dev', 'Alice', 0), member('lobby', 'bob', 0)]),
        );
      });

      it('treats removing a non-member as a no-op', async () => {
        await store.addMember(member('lobby', 'alice', 0));
        await store.removeMember('lobby', 'bob');
        await store.removeMember('dev', 'alice');
        expect(await store.listMemberships()).to.deep.equal([member('lobby', 'alice', 0)]);
      });

      it('lets a member who left join again with a new sinceId', async () => {
        await store.addMember(member('lobby', 'alice', 2));
        await store.removeMember('lobby', 'alice');
        await store.addMember(member('lobby', 'alice', 8));
        expect(await store.listMemberships()).to.deep.equal([member('lobby', 'alice', 8)]);
      });
    });

    describe('appending messages', () => {
      it('starts with no messages and a last message id of 0', async () => {
        expect(await store.countMessages()).to.equal(0);
        expect(await store.lastMessageId()).to.equal(0);
      });

      it('returns the batch with strictly increasing ids in batch order', async () => {
        const batch = [roomMsg('lobby', 'alice', 'one'), privateMsg('bob', 'alice', 'two'), roomMsg('dev', 'bob', 'three')];
        const stored = await store.appendMessages(batch);
        expect(stored.map(withoutId)).to.deep.equal(batch);
        expectStrictlyIncreasing(ids(stored));
        expect(await store.lastMessageId()).to.equal(stored[2]!.id);
        expect(await store.countMessages()).to.equal(3);
      });

      it('keeps ids increasing from one batch to the next', async () => {
        const first = await store.appendMessages([roomMsg('lobby', 'alice', 'a'), roomMsg('lobby', 'alice', 'b')]);
        const second = await store.appendMessages([roomMsg('lobby', 'alice', 'c')]);
        expectStrictlyIncreasing([...ids(first), ...ids(second)]);
        expect(await store.lastMessageId()).to.equal(second[0]!.id);
      });

      it('gives batches appended without waiting for each other distinct ids, increasing within each batch', async () => {
        const batches = [1, 2, 3].map((n) =>
          store.appendMessages([roomMsg('lobby', 'alice', `${n}a`), roomMsg('lobby', 'alice', `${n}b`)]),
        );
        const stored = await Promise.all(batches);
        for (const batch of stored) expectStrictlyIncreasing(ids(batch));
        expect(new Set(stored.flatMap(ids)).size).to.equal(6);
        expect(await store.countMessages()).to.equal(6);
      });

      it('stores nothing for an empty batch', async () => {
        expect(await store.appendMessages([])).to.deep.equal([]);
        expect(await store.countMessages()).to.equal(0);
        expect(await store.lastMessageId()).to.equal(0);
      });

      it('rejects a batch holding a malformed message and stores none of it', async () => {
        await store.appendMessages([roomMsg('lobby', 'alice', 'before')]);
        const lastId = await store.lastMessageId();
        const malformed: NewMessage = { ...roomMsg('lobby', 'bob', 'bad'), to: 'carol' };
        await rejection(store.appendMessages([roomMsg('lobby', 'bob', 'ok'), malformed]));
        expect(await store.countMessages()).to.equal(1);
        expect(await store.lastMessageId()).to.equal(lastId);
        const [next] = await store.appendMessages([roomMsg('lobby', 'bob', 'after')]);
        expect(next!.id).to.be.greaterThan(lastId);
      });

      it('finds a message by id, and nothing for an id never assigned', async () => {
        const [inRoom, direct] = await store.appendMessages([
          roomMsg('lobby', 'alice', 'hi all'),
          privateMsg('Alice', 'Bob', 'hi bob'),
        ]);
        expect(await store.getMessage(inRoom!.id)).to.deep.equal(inRoom);
        expect(await store.getMessage(direct!.id)).to.deep.equal(direct);
        expect(await store.getMessage(direct!.id + 1000)).to.equal(undefined);
      });

      it("stores a comment's parent and quote, and starts every message undelivered", async () => {
        const [root] = await store.appendMessages([roomMsg('lobby', 'alice', 'the root')]);
        const onRoot = comment(root!, 'bob', 'a comment');
        const [stored] = await store.appendMessages([onRoot]);
        expect(root!.deliveredAt).to.equal(null);
        expect(stored).to.deep.equal(asStored(onRoot, stored!.id));
        expect(stored!.parentId).to.equal(root!.id);
        expect(stored!.quote).to.equal('alice: "the root"');
        expect(await store.getMessage(stored!.id)).to.deep.equal(stored);
        expect(await store.getMessage(root!.id)).to.deep.equal(asStored(roomMsg('lobby', 'alice', 'the root'), root!.id));
      });

      it('keeps a private comment as private, with its parent and quote', async () => {
        const [root] = await store.appendMessages([privateMsg('alice', 'bob', 'psst')]);
        const reply = comment(root!, 'bob', 'what?');
        const [stored] = await store.appendMessages([reply]);
        expect(await store.getMessage(stored!.id)).to.deep.equal(asStored(reply, stored!.id));
      });
    });

    describe('room history', () => {
      let lobby: MessageRecord[];

      beforeEach(async () => {
        lobby = [];
        for (let n = 1; n <= 5; n++) {
          const [inLobby] = await store.appendMessages([
            roomMsg('lobby', 'alice', `lobby ${n}`),
            roomMsg('dev', 'bob', `dev ${n}`),
            privateMsg('alice', 'bob', `private ${n}`),
          ]);
          lobby.push(inLobby!);
        }
      });

      it('returns the newest `limit` messages of the room, oldest first', async () => {
        expect(await store.roomHistory('lobby', 3)).to.deep.equal(lobby.slice(2));
      });

      it('returns the page before `beforeId`', async () => {
        expect(await store.roomHistory('lobby', 2, lobby[3]!.id)).to.deep.equal(lobby.slice(1, 3));
        expect(await store.roomHistory('lobby', 10, lobby[2]!.id)).to.deep.equal(lobby.slice(0, 2));
        expect(await store.roomHistory('lobby', 10, lobby[0]!.id)).to.deep.equal([]);
      });

      it('returns the whole history when the limit is larger', async () => {
        expect(await store.roomHistory('lobby', 100)).to.deep.equal(lobby);
      });

      it('keeps to the room asked for: no other room, no private messages', async () => {
        const dev = await store.roomHistory('dev', 100);
        expect(dev.map((m) => m.text)).to.deep.equal(['dev 1', 'dev 2', 'dev 3', 'dev 4', 'dev 5']);
        expect(await store.roomHistory('empty', 10)).to.deep.equal([]);
      });

      it('returns nothing for a limit of 0', async () => {
        expect(await store.roomHistory('lobby', 0)).to.deep.equal([]);
      });

      it('includes comments, with their parent, quote and delivery time', async () => {
        const [onFirst] = await store.appendMessages([comment(lobby[0]!, 'bob', 'about the first')]);
        await store.markDelivered([{ id: lobby[4]!.id, at: T0 + 3 }]);
        expect(await store.roomHistory('lobby', 2)).to.deep.equal([{ ...lobby[4]!, deliveredAt: T0 + 3 }, onFirst]);
        expect(onFirst!.parentId).to.equal(lobby[0]!.id);
      });
    });

    unreadContract(() => store);
    conversationContract(() => store);
    historyContract(() => store);
    changesContract(() => store);
    searchContract(() => store);
    lifecycleContract(() => store);
    rulesContract(() => store);
    privateRoomsContract(() => store);
    profileContract(() => store);
    keysContract(() => store);

    describe('closing', () => {
      it('rejects calls after close with an error saying the store is closed', async () => {
        await store.close();
        expect((await rejection(store.getUser('alice'))).message).to.match(/closed/);
        expect((await rejection(store.appendMessages([roomMsg('lobby', 'a', 'b')]))).message).to.match(/closed/);
        expect((await rejection(store.unreadFor('alice', 0, 10))).message).to.match(/closed/);
        expect((await rejection(store.deleteExpired(T0, T0))).message).to.match(/closed/);
        expect((await rejection(store.incrementCounter('k', T0))).message).to.match(/closed/);
        expect((await rejection(store.takeScheduled(1))).message).to.match(/closed/);
      });

      it('can be closed twice', async () => {
        await store.close();
        await store.close();
      });
    });
  });
}
