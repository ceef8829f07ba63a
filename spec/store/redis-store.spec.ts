import fs from 'node:fs';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { refusalOf } from '../../lib/chat/refusals.js';
import { StoreResetError } from '../../lib/store/store-health.js';
import type { NewMessage } from '../../lib/store/records.js';
import { RedisStore } from '../../lib/store/redis/redis-store.js';
import { freePort, onRedis, redisSuiteTitle, startRedisOrSkip, startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { RecordingLogger } from '../helpers/recording-logger.js';
import { tempDir } from '../helpers/test-server.js';
import { T0, expectStrictlyIncreasing, ids, member, privateMsg, rejection, roomMsg, user } from './contract-helpers.js';
import { storeContract } from './contract.js';

describe(redisSuiteTitle('RedisStore'), function () {
  let redis: RedisServer | undefined;
  let stores = 0;

  before(async function () {
    redis = await startRedisOrSkip(this);
  });

  after(async () => {
    await redis?.stop();
  });

  function url(): string {
    if (!redis) throw new Error('no redis-server');
    return redis.url;
  }

  /** Each store gets keys of its own: tests never see each other's data, with no FLUSHDB. */
  function freshPrefix(): string {
    return `spec-${process.pid}-${++stores}:`;
  }

  storeContract('RedisStore', () => RedisStore.connect(url(), { keyPrefix: freshPrefix() }));

  describe('as the shared store of several servers', () => {
    let a: RedisStore;
    let b: RedisStore;

    beforeEach(async () => {
      const keyPrefix = freshPrefix();
      [a, b] = await Promise.all([RedisStore.connect(url(), { keyPrefix }), RedisStore.connect(url(), { keyPrefix })]);
    });

    afterEach(async () => {
      await Promise.all([a.close(), b.close()]);
    });

    it('stores a batch in one command, however large, and reads it back', async () => {
      const batch: NewMessage[] = Array.from({ length: 200 }, (_, n) =>
        n % 2 === 0 ? roomMsg('lobby', 'alice', `room ${n}`) : privateMsg('bob', 'alice', `private ${n}`),
      );
      // A second batch, to watch the steady state: EVALSHA (the first run on a connection
      // sends the script's source with EVAL instead, also one command).
      await a.appendMessages([roomMsg('lobby', 'alice', 'warm-up')]);
      const { commands } = await commandsSentDuring(url(), () => a.appendMessages(batch));
      expect(commands).to.have.lengthOf(1);
      expect(commands[0]).to.match(/^eval/);
      await a.addMember(member('lobby', 'alice', 0));
      expect((await b.unreadFor('alice', 0, 1000)).total).to.equal(201);
    });

    it('reads unread messages in one command, however many rooms', async () => {
      for (const name of ['r1', 'r2', 'r3', 'r4', 'r5']) await a.addMember(member(name, 'alice', 0));
      await a.appendMessages(['r1', 'r2', 'r3', 'r4', 'r5'].map((name) => roomMsg(name, 'bob', name)));
      const { commands, result } = await commandsSentDuring(url(), () => a.unreadFor('alice', 0, 3));
      expect(commands).to.have.lengthOf(1);
      expect(result.total).to.equal(5);
      expect(result.messages.map((m) => m.text)).to.deep.equal(['r3', 'r4', 'r5']);
    });

    it('gives batches appended at once by two servers distinct ids, consecutive within each batch', async () => {
      const appends = Array.from({ length: 20 }, (_, n) =>
        (n % 2 === 0 ? a : b).appendMessages([
          roomMsg('lobby', 'alice', `${n}a`),
          privateMsg('alice', 'bob', `${n}b`),
          roomMsg('lobby', 'bob', `${n}c`),
        ]),
      );
      const batches = await Promise.all(appends);
      for (const batch of batches) {
        expectStrictlyIncreasing(ids(batch));
        expect(batch[2]!.id - batch[0]!.id).to.equal(2);
      }
      const all = batches.flatMap(ids);
      expect(new Set(all).size).to.equal(60);
      expect(await b.countMessages()).to.equal(60);
      expect(await a.lastMessageId()).to.equal(Math.max(...all));
      expect(await b.roomHistory('lobby', 100)).to.have.lengthOf(40);
    });

    it('gives each scheduled message to exactly one of two servers taking it at once', async () => {
      const added = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          a.addScheduled({ author: 'alice', route: 'room', target: 'lobby', text: `m${n}`, dueAt: T0, createdAt: T0 }),
        ),
      );
      const taken = await Promise.all(
        added.map((message) => Promise.all([a.takeScheduled(message.id), b.takeScheduled(message.id)])),
      );
      taken.forEach((pair, i) => {
        expect(pair.filter((result) => result !== undefined), `message ${i}`).to.deep.equal([added[i]]);
      });
      expect(await b.listScheduled()).to.deep.equal([]);
    });

    it('counts increments from two servers without losing any', async () => {
      const counts = await Promise.all(
        Array.from({ length: 20 }, (_, n) => (n % 2 === 0 ? a : b).incrementCounter('k', T0)),
      );
      expect([...counts].sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 20 }, (_, n) => n + 1));
    });

    it('lets one server see what another stored, nicks in any case', async () => {
      await a.createUser(user('Alice'));
      expect(await b.createUser(user('ALICE'))).to.equal(false);
      expect(await b.getUser('alice')).to.deep.equal(user('Alice'));
    });
  });

  describe('keys', () => {
    it('keeps stores with different prefixes apart', async () => {
      const [a, b] = await Promise.all([
        RedisStore.connect(url(), { keyPrefix: freshPrefix() }),
        RedisStore.connect(url(), { keyPrefix: freshPrefix() }),
      ]);
      try {
        await a.createUser(user('alice'));
        await a.appendMessages([roomMsg('lobby', 'alice', 'hi')]);
        expect(await b.countUsers()).to.equal(0);
        expect(await b.lastMessageId()).to.equal(0);
        expect(await b.roomHistory('lobby', 10)).to.deep.equal([]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('never lists keys with KEYS or SCAN', async () => {
      const store = await RedisStore.connect(url(), { keyPrefix: freshPrefix() });
      try {
        const { commands } = await commandsSentDuring(url(), async () => {
          await store.addMember(member('lobby', 'alice', 0));
          await store.appendMessages([roomMsg('lobby', 'bob', 'a', { createdAt: T0 }), privateMsg('bob', 'alice', 'b')]);
          await store.listMemberships();
          await store.listRooms();
          await store.deleteExpired(T0 + 1, T0 + 1);
          await store.deleteCountersBefore(T0);
          await store.listScheduled();
          await store.listBans();
        });
        expect(commands).to.include('hgetall');
        expect(commands.filter((name) => name === 'keys' || name === 'scan')).to.deep.equal([]);
      } finally {
        await store.close();
      }
    });
  });

  describe('when Redis loses its data', () => {
    const opened: RedisStore[] = [];
    let dataDir: string;

    beforeEach(() => {
      dataDir = tempDir();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    async function open(keyPrefix: string, options: { acceptReset?: boolean; logger?: RecordingLogger } = {}): Promise<RedisStore> {
      const store = await RedisStore.connect(url(), { keyPrefix, dataDir, ...options });
      opened.push(store);
      return store;
    }

    function expectStoreReset(error: Error): void {
      expect(error).to.be.instanceOf(StoreResetError);
      // What the user is told of it.
      expect(refusalOf(error)?.code).to.equal('STORE_RESET');
    }

    it('stores no message and creates no user once flushed, and from then on refuses everything', async () => {
      const keyPrefix = freshPrefix();
      const store = await open(keyPrefix);
      await store.createUser(user('alice'));
      await store.appendMessages([roomMsg('lobby', 'alice', 'before')]);
      await onRedis(url(), (client) => client.flushall());

      expectStoreReset(await rejection(store.appendMessages([roomMsg('lobby', 'alice', 'after')])));
      expect(store.health.lost).to.match(/lost its data/);
      expectStoreReset(await rejection(store.getUser('alice')));
      expect(await onRedis(url(), (client) => client.dbsize()), 'keys written after the flush').to.equal(0);
    });

    it('refuses to create a user in a flushed store, where every nick looks free', async () => {
      const store = await open(freshPrefix());
      await onRedis(url(), (client) => client.flushall());
      expectStoreReset(await rejection(store.createUser(user('bob'))));
      expect(await onRedis(url(), (client) => client.dbsize())).to.equal(0);
    });

    it('hands out no id at or below one it has seen, when the id counter went back', async () => {
      const keyPrefix = freshPrefix();
      const store = await open(keyPrefix);
      await store.appendMessages([roomMsg('lobby', 'carol', 'one'), roomMsg('lobby', 'carol', 'two')]);
      await onRedis(url(), (client) => client.set(`${keyPrefix}last-message-id`, '1'));
      expectStoreReset(await rejection(store.appendMessages([roomMsg('lobby', 'carol', 'three')])));
      expect(store.health.lost).to.match(/went back to 1/);
      // The epoch is intact: a restart goes on from what Redis kept, with no flag.
      const restarted = await open(keyPrefix);
      expect(ids(await restarted.appendMessages([roomMsg('lobby', 'carol', 'three')]))).to.deep.equal([2]);
    });

    it('finds a loss when checked, without anything being stored', async () => {
      const store = await open(freshPrefix());
      await store.health.verify();
      expect(store.health.lost).to.equal(undefined);
      await onRedis(url(), (client) => client.flushall());
      await store.health.verify();
      expect(store.health.lost).to.match(/lost its data/);
    });

    it('refuses to start on a store that lost the data this data directory ran on, unless told to accept it', async () => {
      const keyPrefix = freshPrefix();
      const first = await open(keyPrefix);
      await first.createUser(user('dave'));
      // A second server, or a restart, on the same store and data directory.
      await open(keyPrefix);
      await onRedis(url(), (client) => client.flushall());

      const error = await rejection(RedisStore.connect(url(), { keyPrefix, dataDir }));
      expect(error.message).to.match(/has lost its data/).and.include('--redis-accept-reset').and.not.include('\n');
      const logger = new RecordingLogger();
      const accepted = await open(keyPrefix, { acceptReset: true, logger });
      expect(logger.events('store.reset_accepted')).to.have.lengthOf(1);
      expect(await accepted.createUser(user('dave'))).to.equal(true);
      // The new epoch is recorded: the next start needs no flag.
      await open(keyPrefix);
    });

    it('refuses a store that was reset and started again while this server was away', async () => {
      const keyPrefix = freshPrefix();
      await open(keyPrefix);
      const elsewhere = tempDir();
      try {
        await onRedis(url(), (client) => client.flushall());
        // A server with a data directory of its own takes the empty store for a new one.
        opened.push(await RedisStore.connect(url(), { keyPrefix, dataDir: elsewhere }));
      } finally {
        fs.rmSync(elsewhere, { recursive: true, force: true });
      }
      const error = await rejection(RedisStore.connect(url(), { keyPrefix, dataDir }));
      expect(error.message).to.match(/is not the store this server ran on/).and.include('--redis-accept-reset');
      const running = opened[0];
      await running?.health.verify();
      expect(running?.health.lost).to.match(/reset and started again/);
    });

    it('starts on an empty store with a new data directory as a new chat, without any flag', async () => {
      const store = await open(freshPrefix());
      expect(await store.createUser(user('erin'))).to.equal(true);
    });
  });

  describe('how Redis persists', () => {
    async function warningsFrom(target: string): Promise<RecordingLogger> {
      const logger = new RecordingLogger();
      await (await RedisStore.connect(target, { keyPrefix: freshPrefix(), logger })).close();
      return logger;
    }

    it('warns at start when Redis keeps no append-only file, and says it is fine when it keeps one', async () => {
      const off = await warningsFrom(url());
      expect(off.events('redis.persistence_off').map((entry) => entry.fields.appendonly)).to.deep.equal(['no']);
      await onRedis(url(), (client) => client.config('SET', 'appendonly', 'yes'));
      try {
        const on = await warningsFrom(url());
        expect(on.entries.filter((entry) => entry.level === 'warn')).to.deep.equal([]);
        expect(on.events('redis.persistence').map((entry) => entry.fields.appendfsync)).to.deep.equal(['everysec']);
      } finally {
        await onRedis(url(), (client) => client.config('SET', 'appendonly', 'no'));
      }
    });

    it('says it could not check when Redis refuses CONFIG', async () => {
      const locked = await startRedisServer(['--rename-command', 'CONFIG', '']);
      try {
        const logger = await warningsFrom(locked.url);
        expect(logger.events('redis.persistence_unknown')).to.have.lengthOf(1);
        expect(logger.events('redis.persistence_unknown')[0]?.fields.hint).to.match(/could not check/);
      } finally {
        await locked.stop();
      }
    });
  });

  describe('connecting', () => {
    it('fails at once, naming the URL, when nothing listens there', async () => {
      const nowhere = `redis://127.0.0.1:${await freePort()}`;
      const error = await rejection(RedisStore.connect(nowhere));
      expect(error.message).to.include(nowhere).and.match(/cannot connect to Redis/);
    });

    it('refuses a URL that is not a Redis one, saying what one looks like', async () => {
      const error = await rejection(RedisStore.connect('http://127.0.0.1:6379'));
      expect(error.message).to.match(/not a Redis URL: use redis:\/\/host:port/);
    });

    it('hides a password in the URL it names', async () => {
      const error = await rejection(RedisStore.connect(`redis://:hunter2@127.0.0.1:${await freePort()}`));
      expect(error.message).to.include('***').and.not.include('hunter2');
    });
  });
});

/**
 * The names of the commands that clients send to Redis while `work` runs, as MONITOR sees
 * them; commands run by a script are left out (they are not round trips). An ECHO sent
 * afterwards marks the end, since MONITOR reports commands in the order Redis runs them.
 */
async function commandsSentDuring<T>(url: string, work: () => Promise<T>): Promise<{ commands: string[]; result: T }> {
  const watcher = new Redis(url, { lazyConnect: true });
  await watcher.connect();
  // A connection of its own, made (handshake and all) before watching starts.
  const monitor = await watcher.monitor();
  const marker = `end-of-work-${Date.now()}`;
  try {
    const seen = new Promise<string[]>((resolve) => {
      const names: string[] = [];
      monitor.on('monitor', (_time: string, args: string[], source: string) => {
        const [name = '', first] = args;
        // Whatever comes after the marker (the watcher quitting) is not the work's.
        if (name.toLowerCase() === 'echo' && first === marker) resolve([...names]);
        else if (source !== 'lua') names.push(name.toLowerCase());
      });
    });
    const result = await work();
    await watcher.echo(marker);
    return { commands: await seen, result };
  } finally {
    monitor.disconnect();
    await watcher.quit();
  }
}
