import { expect } from 'chai';
import type { ChatStore } from '../../lib/store/chat-store.js';
import type { SearchQuery } from '../../lib/store/message-store.js';
import { searchWords } from '../../lib/store/search-words.js';
import { T0, comment, privateMsg, roomMsg } from './contract-helpers.js';

/** A query for `text`'s words in `rooms` and alice's private messages, everything on one page. */
function query(text: string, fields: Partial<SearchQuery> = {}): SearchQuery {
  return { words: searchWords(text), rooms: ['lobby', 'dev'], privateOf: 'alice', expiredUpTo: null, offset: 0, limit: 100, ...fields };
}

/**
 * The contract for full-text search: every store finds the same messages by the same
 * words. Part of storeContract; `current` is the test's fresh store.
 */
export function searchContract(current: () => ChatStore): void {
  describe('full-text search', () => {
    let store: ChatStore;

    /** The texts a query finds, newest first. */
    async function found(q: SearchQuery): Promise<string[]> {
      return (await store.search(q)).messages.map((m) => m.text);
    }

    beforeEach(async () => {
      store = current();
      await store.appendMessages([
        roomMsg('lobby', 'bob', 'Deploy on Friday?'),
        roomMsg('dev', 'carol', 'friday deploy is risky', { createdAt: T0 + 10 }),
        roomMsg('secret', 'dave', 'deploy friday quietly'),
        privateMsg('bob', 'Alice', 'deploy friday with me'),
        privateMsg('bob', 'carol', 'deploy friday without alice'),
        roomMsg('lobby', 'alice', 'deployment on fridays'),
        roomMsg('lobby', 'bob', 'Café crème at naïve prices'),
        roomMsg('lobby', 'bob', '\u0001ACTION waves at the deploy'),
      ]);
    });

    it('finds the messages with every word, in any case, newest first, only where it is told to look', async () => {
      expect(await found(query('DEPLOY friday'))).to.deep.equal(['deploy friday with me', 'friday deploy is risky', 'Deploy on Friday?']);
      expect(await found(query('deploy', { rooms: ['lobby'], privateOf: null }))).to.deep.equal(['\u0001ACTION waves at the deploy', 'Deploy on Friday?']);
      expect(await found(query('café NAÏVE'))).to.deep.equal(['Café crème at naïve prices']);
      expect(await found(query('deploy', { rooms: [], privateOf: 'ALICE' }))).to.deep.equal(['deploy friday with me']);
      expect(await found(query('deploy', { rooms: [], privateOf: null }))).to.deep.equal([]);
    });

    it('matches whole words, not parts of them, and not the mark of a /me', async () => {
      expect(await found(query('deploymen'))).to.deep.equal([]);
      expect(await found(query('fridays'))).to.deep.equal(['deployment on fridays']);
      expect(await found(query('action'))).to.deep.equal([]);
      expect(await found(query('deploy nowhere'))).to.deep.equal([]);
    });

    it('keeps to one conversation, one sender, and messages since a time when told', async () => {
      expect(await found(query('deploy', { rooms: [], privateWith: 'BOB' }))).to.deep.equal(['deploy friday with me']);
      expect(await found(query('deploy', { rooms: [], privateWith: 'carol' }))).to.deep.equal([]);
      expect(await found(query('deploy', { rooms: [], privateWith: 'alice' }))).to.deep.equal([]);
      await store.appendMessages([privateMsg('Alice', 'alice', 'deploy note to self')]);
      expect(await found(query('deploy', { rooms: [], privateWith: 'ALICE' }))).to.deep.equal(['deploy note to self']);
      expect(await found(query('deploy friday', { from: 'CAROL' }))).to.deep.equal(['friday deploy is risky']);
      expect(await found(query('deploy friday', { since: T0 + 10 }))).to.deep.equal(['friday deploy is risky']);
    });

    it('leaves out expired messages: room ones by creation, private ones by delivery, undelivered ones never', async () => {
      expect(await found(query('deploy friday', { expiredUpTo: T0 }))).to.deep.equal(['deploy friday with me', 'friday deploy is risky']);
      const [direct] = (await store.search(query('with me'))).messages;
      await store.markDelivered([{ id: direct!.id, at: T0 + 5 }]);
      expect(await found(query('deploy friday', { expiredUpTo: T0 + 5 }))).to.deep.equal(['friday deploy is risky']);
      expect(await found(query('deploy friday', { expiredUpTo: T0 + 4 }))).to.deep.equal(['deploy friday with me', 'friday deploy is risky']);
      await store.deleteExpired(T0 + 1, T0 + 6);
      expect(await found(query('deploy friday'))).to.deep.equal(['friday deploy is risky']);
    });

    it('pages: skips `offset` of the matches and says whether more follow', async () => {
      const more = await store.appendMessages([1, 2, 3, 4, 5].map((n) => roomMsg('dev', 'bob', `page word ${n}`)));
      expect(more).to.have.length(5);
      expect(await store.search(query('page word', { limit: 2 }))).to.deep.include({ more: true });
      expect(await found(query('page word', { limit: 2 }))).to.deep.equal(['page word 5', 'page word 4']);
      expect(await found(query('page word', { offset: 2, limit: 2 }))).to.deep.equal(['page word 3', 'page word 2']);
      const last = await store.search(query('page word', { offset: 4, limit: 2 }));
      expect(last.messages.map((m) => m.text)).to.deep.equal(['page word 1']);
      expect(last.more).to.equal(false);
      expect((await store.search(query('page word', { offset: 3, limit: 2 }))).more).to.equal(false);
    });

    it('finds an edited message by its words now, a comment like any message, and a deleted one never', async () => {
      const [target] = (await store.search(query('risky'))).messages;
      const edited = await store.editMessage(target!.id, 'friday deploy is safe now', T0 + 20, 'carol: "friday deploy is safe now"');
      expect(await found(query('risky'))).to.deep.equal([]);
      expect((await store.search(query('safe'))).messages).to.deep.equal([edited]);
      const [onIt] = await store.appendMessages([comment(edited!, 'alice', 'is it really safe')]);
      expect(await found(query('safe'))).to.deep.equal(['is it really safe', 'friday deploy is safe now']);
      await store.deleteMessage(target!.id);
      expect(await found(query('safe'))).to.deep.equal(['is it really safe']);
      await store.deleteMessage(onIt!.id);
      expect(await found(query('safe'))).to.deep.equal([]);
    });
  });
}
