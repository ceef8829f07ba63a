import fs from 'node:fs';
import { expect } from 'chai';
import fc from 'fast-check';
import type { ChatCore } from '../../lib/chat/chat-core.js';
import { ChatError } from '../../lib/chat/errors.js';
import { DEFAULT_CONFIG } from '../../lib/config.js';
import type { ChatStore } from '../../lib/store/chat-store.js';
import { MemoryStore } from '../../lib/store/memory/memory-store.js';
import { RedisStore } from '../../lib/store/redis/redis-store.js';
import { SqliteStore } from '../../lib/store/sqlite/sqlite-store.js';
import { systemClock, type Clock } from '../../lib/util/clock.js';
import { hasRedisServer, startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { user } from '../helpers/records.js';
import { testChat } from '../helpers/test-chat.js';
import { tempDir } from '../helpers/test-server.js';
import { USERS, VisibilityModel, query, step, type Query } from '../helpers/visibility-model.js';

const clock: Clock = { ...systemClock, now: () => new Date(2026, 10, 23, 12, 0).getTime() };

/** A started chat of USERS, all in #general, on `store`. */
async function chatOn(store: ChatStore, dataDir: string): Promise<ChatCore> {
  for (const nick of USERS) await store.createUser(user(nick));
  const chat = testChat({ store, clock, settings: { ...DEFAULT_CONFIG, rateLimit: 0, dataDir } });
  await chat.start();
  for (const nick of USERS) await chat.rooms.join(nick, 'general', { quiet: true });
  return chat;
}

/** What the search finds (ids, newest first), or the code of its refusal. */
async function found(chat: ChatCore, q: Query): Promise<number[] | string> {
  try {
    const results = await chat.search.find(q.user, { text: q.text, ...(q.in === undefined ? {} : { in: q.in }), page: 1, pageSize: 200 });
    return results.messages.map((m) => m.id);
  } catch (error) {
    if (error instanceof ChatError) return error.code;
    throw error;
  }
}

/**
 * Whatever users do (join, leave, private rooms, invitations, kicks, private messages,
 * edits, deletions), a search finds exactly the messages its user may read now, in the
 * place searched, with every word: never one of a room they are not (or no longer) in or
 * of someone else's conversation, and none that is deleted.
 */
function searchProperty(name: string, makeStore: () => Promise<ChatStore>, runs: number): void {
  it(`finds only, and all, what the searcher may read (${name})`, async function () {
    this.timeout(60_000);
    const dataDir = tempDir();
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { maxLength: 40 }), fc.array(query, { minLength: 1, maxLength: 8 }), async (steps, queries) => {
          const store = await makeStore();
          const chat = await chatOn(store, dataDir);
          const model = new VisibilityModel();
          try {
            for (const s of steps) await model.apply(chat, s);
            for (const q of queries) {
              const result = await found(chat, q);
              if (typeof result === 'string') {
                // Refused: only a room the searcher is not in (NOT_A_MEMBER / NO_SUCH_ROOM).
                expect(q.in !== undefined && 'room' in q.in && !model.isMember(q.in.room, q.user), `${JSON.stringify(q)}: ${result}`).to.equal(true);
                continue;
              }
              for (const id of result) expect(model.mayReadId(q.user, id), `${q.user} found ${id}`).to.equal(true);
              expect(result, JSON.stringify(q)).to.deep.equal(model.expected(q));
            }
          } finally {
            await chat.close();
            await store.close();
          }
        }),
        { numRuns: runs },
      );
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

describe('search and who may read what', function () {
  searchProperty('MemoryStore', () => Promise.resolve(new MemoryStore()), 150);
  searchProperty('SqliteStore', () => Promise.resolve(SqliteStore.openInMemory()), 100);

  describe('on Redis', function () {
    let redis: RedisServer | undefined;
    let prefixes = 0;
    before(async function () {
      if (!hasRedisServer) this.skip();
      redis = await startRedisServer();
    });
    after(async () => {
      await redis?.stop();
    });
    searchProperty('RedisStore', () => RedisStore.connect(redis?.url ?? '', { keyPrefix: `visibility-${++prefixes}:` }), 40);
  });
});
