import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { ChatStore } from '../../lib/store/chat-store.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../lib/store/sqlite/sqlite-schema.js';
import { skeletonSql } from '../../lib/store/nick-skeleton.js';
import { registerSearchTerms, searchSql } from '../../lib/store/sqlite/sqlite-search.js';
import { SqliteStore } from '../../lib/store/sqlite/sqlite-store.js';
import { UNREAD_COUNT_CAP } from '../../lib/store/message-store.js';
import { asStored, comment, member, privateMsg, room, roomMsg, user } from './contract-helpers.js';
import { storeContract } from './contract.js';

function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'chat-line-'));
}

function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes a database of schema `version` to `file`, holding what `sql` inserts, as an older chat-line left it. */
function databaseAt(file: string, version: number, sql: string): void {
  const old = new Database(file);
  for (const migration of MIGRATIONS.slice(0, version)) old.exec(migration);
  old.pragma(`user_version = ${version}`);
  old.exec(sql);
  old.close();
}

storeContract('SqliteStore in memory', () => Promise.resolve(SqliteStore.openInMemory()));

{
  const dirs = new Map<ChatStore, string>();
  storeContract(
    'SqliteStore on a file',
    () => {
      const dir = makeTempDir();
      const store = SqliteStore.open({ dataDir: dir });
      dirs.set(store, dir);
      return Promise.resolve(store);
    },
    async (store) => {
      await store.close();
      const dir = dirs.get(store);
      dirs.delete(store);
      if (dir !== undefined) removeDir(dir);
    },
  );
}

describe('SqliteStore on disk', () => {
  let tmp: string;

  beforeEach(() => {
    tmp = makeTempDir();
  });

  afterEach(() => {
    removeDir(tmp);
  });

  const hello = roomMsg('lobby', 'Alice', 'hello', { createdAt: 1 });

  it('creates a missing data directory, parents included, with chat-line.db in it', async () => {
    const dataDir = path.join(tmp, 'a', 'b');
    const store = SqliteStore.open({ dataDir });
    await store.close();
    expect(fs.existsSync(path.join(dataDir, 'chat-line.db'))).to.equal(true);
  });

  it('uses the file name given', async () => {
    const store = SqliteStore.open({ dataDir: tmp, fileName: 'other.db' });
    await store.close();
    expect(fs.existsSync(path.join(tmp, 'other.db'))).to.equal(true);
  });

  it('keeps everything across close and reopen of the same directory, and goes on numbering', async () => {
    const first = SqliteStore.open({ dataDir: tmp });
    await first.createUser(user('Alice', { passwordHash: 'h', createdAt: 1 }));
    await first.createRoom(room('lobby', { createdAt: 1 }));
    await first.addMember(member('lobby', 'Alice', 0));
    const [stored] = await first.appendMessages([hello]);
    await first.updateReadStates([{ nick: 'alice', readCursor: stored!.id, lastSeenAt: 5 }]);
    await first.close();

    const again = SqliteStore.open({ dataDir: tmp });
    try {
      expect(await again.getUser('alice')).to.deep.equal(user('Alice', { passwordHash: 'h', createdAt: 1, lastSeenAt: 5, readCursor: stored!.id }));
      expect(await again.listRooms()).to.have.length(1);
      expect(await again.listMemberships()).to.deep.equal([member('lobby', 'Alice', 0)]);
      expect(await again.getMessage(stored!.id)).to.deep.equal(stored);
      expect(await again.lastMessageId()).to.equal(stored!.id);
      const [next] = await again.appendMessages([hello]);
      expect(next!.id).to.be.greaterThan(stored!.id);
    } finally {
      await again.close();
    }
  });

  it('keeps delivery times, reports, bans, counters and scheduled messages across close and reopen', async () => {
    const first = SqliteStore.open({ dataDir: tmp });
    const [root] = await first.appendMessages([privateMsg('Alice', 'bob', 'hello', { createdAt: 1 })]);
    const [reply] = await first.appendMessages([comment(root!, 'bob', 'hello', { createdAt: 1 })]);
    await first.markDelivered([{ id: root!.id, at: 9 }]);
    await first.addReport({ target: 'Alice', reporter: 'bob', at: 2 });
    await first.setBan({ nick: 'Carol', until: 100 });
    await first.incrementCounter('msg:alice', 60);
    const due = await first.addScheduled({
      author: 'Alice',
      route: 'room',
      target: 'lobby',
      text: 'later',
      dueAt: 50,
      createdAt: 3,
    });
    await first.close();

    const again = SqliteStore.open({ dataDir: tmp });
    try {
      expect(await again.getMessage(root!.id)).to.deep.equal({ ...root!, deliveredAt: 9 });
      expect(await again.threadOf(root!.id)).to.deep.equal([reply]);
      expect(await again.addReport({ target: 'alice', reporter: 'BOB', at: 4 })).to.equal(false);
      expect(await again.listBans()).to.deep.equal([{ nick: 'Carol', until: 100 }]);
      expect(await again.incrementCounter('msg:alice', 60)).to.equal(2);
      expect(await again.listScheduled('alice')).to.deep.equal([due]);
      const next = await again.addScheduled({ ...due, text: 'even later' });
      expect(next.id).to.be.greaterThan(due.id);
    } finally {
      await again.close();
    }
  });

  it('migrates a database of schema version 1, whose messages come back without parent, quote or delivery', async () => {
    const file = path.join(tmp, 'chat-line.db');
    databaseAt(file, 1, `
      INSERT INTO users (nick, password_hash, created_at) VALUES ('Alice', 'h', 1);
      INSERT INTO messages (kind, room, from_nick, to_nick, text, created_at)
        VALUES ('room', 'lobby', 'Alice', NULL, 'from before', 1), ('private', NULL, 'Alice', 'bob', 'psst', 2);
    `);

    const store = SqliteStore.open({ dataDir: tmp });
    try {
      const fromBefore = asStored(roomMsg('lobby', 'Alice', 'from before', { createdAt: 1 }), 1);
      expect(await store.getMessage(1)).to.deep.equal(fromBefore);
      expect(await store.roomHistory('lobby', 10)).to.deep.equal([fromBefore]);
      expect((await store.unreadFor('bob', 0, 10)).messages).to.deep.equal([
        asStored(privateMsg('Alice', 'bob', 'psst', { createdAt: 2 }), 2),
      ]);
      expect((await store.getUser('alice'))?.nick).to.equal('Alice');

      // The new columns and tables are there, and numbering goes on after the old messages.
      const [onOld] = await store.appendMessages([comment(fromBefore, 'Alice', 'hello', { createdAt: 1 })]);
      expect(onOld!.id).to.equal(3);
      expect(await store.threadOf(1)).to.deep.equal([onOld]);
      await store.markDelivered([{ id: 2, at: 5 }]);
      expect(await store.deleteExpired(0, 6)).to.deep.equal([2]);
      expect(await store.addReport({ target: 'Alice', reporter: 'bob', at: 1 })).to.equal(true);
      expect(await store.incrementCounter('k', 0)).to.equal(1);
    } finally {
      await store.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).to.equal(SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('counts the messages a database of schema version 6 holds as sent by their authors, in any case', async () => {
    const file = path.join(tmp, 'chat-line.db');
    databaseAt(file, 6, `
      INSERT INTO messages (kind, room, from_nick, to_nick, text, created_at)
        VALUES ('room', 'lobby', 'Alice', NULL, 'one', 1), ('private', NULL, 'alice', 'bob', 'two', 2), ('room', 'lobby', 'bob', NULL, 'hi', 3);
    `);

    const store = SqliteStore.open({ dataDir: tmp });
    try {
      expect(await store.countSent('ALICE')).to.equal(2);
      expect(await store.countSent('bob')).to.equal(1);
      await store.appendMessages([{ ...hello, from: 'bob' }]);
      expect(await store.countSent('Bob')).to.equal(2);
    } finally {
      await store.close();
    }
  });

  it('indexes the messages of a database of schema version 11 for search when it opens', async () => {
    const file = path.join(tmp, 'chat-line.db');
    databaseAt(file, 11, `
      INSERT INTO messages (kind, room, from_nick, to_nick, text, created_at)
        VALUES ('room', 'lobby', 'Alice', NULL, 'Deploy on FRIDAY', 1), ('private', NULL, 'alice', 'bob', 'friday it is', 2);
    `);

    const store = SqliteStore.open({ dataDir: tmp });
    try {
      const found = await store.search({ words: ['friday'], rooms: ['lobby'], privateOf: 'bob', expiredUpTo: null, offset: 0, limit: 10 });
      expect(found.messages.map((m) => m.text)).to.deep.equal(['friday it is', 'Deploy on FRIDAY']);
    } finally {
      await store.close();
    }
  });

  it(`counts a user's unread messages up to ${UNREAD_COUNT_CAP} per room and says there are more, still giving the newest`, async () => {
    const store = SqliteStore.open({ dataDir: tmp });
    try {
      await store.createUser(user('alice'));
      await store.createRoom(room('busy'));
      await store.createRoom(room('quiet'));
      await store.addMember(member('busy', 'alice', 0));
      await store.addMember(member('quiet', 'alice', 0));
      await store.appendMessages(Array.from({ length: UNREAD_COUNT_CAP + 5 }, (_, i) => roomMsg('busy', 'bob', `busy ${i}`)));
      await store.appendMessages([roomMsg('quiet', 'bob', 'quiet one'), privateMsg('bob', 'alice', 'direct')]);

      const page = await store.unreadFor('alice', 0, 3);
      expect(page.total).to.equal(UNREAD_COUNT_CAP + 2);
      expect(page.totalIsLowerBound).to.equal(true);
      expect(page.messages.map((m) => m.text)).to.deep.equal([`busy ${UNREAD_COUNT_CAP + 4}`, 'quiet one', 'direct']);
    } finally {
      await store.close();
    }
  });

  it('puts the database in WAL mode', async () => {
    await SqliteStore.open({ dataDir: tmp }).close();
    const db = new Database(path.join(tmp, 'chat-line.db'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).to.equal('wal');
    } finally {
      db.close();
    }
  });

  it('refuses a file that is not an SQLite database, naming it and saying it is corrupt', () => {
    const file = path.join(tmp, 'chat-line.db');
    fs.writeFileSync(file, Buffer.from('this is not a database at all, just some bytes '.repeat(100)));
    expect(() => SqliteStore.open({ dataDir: tmp })).to.throw(
      Error,
      `${file} is not a chat-line database or is corrupt`,
    );
  });

  it('refuses a data directory that cannot be created, naming it', () => {
    fs.writeFileSync(path.join(tmp, 'afile'), 'a regular file');
    const dataDir = path.join(tmp, 'afile', 'data');
    expect(() => SqliteStore.open({ dataDir })).to.throw(Error, `data directory ${dataDir} is not writable`);
  });

  it('refuses a database written by a newer chat-line', () => {
    const file = path.join(tmp, 'chat-line.db');
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => SqliteStore.open({ dataDir: tmp })).to.throw(Error, /schema version 999.*upgrade chat-line/);
  });

  it('refuses an SQLite database of some other program', () => {
    const file = path.join(tmp, 'chat-line.db');
    const db = new Database(file);
    db.exec('CREATE TABLE accounts (id INTEGER PRIMARY KEY)');
    db.close();
    expect(() => SqliteStore.open({ dataDir: tmp })).to.throw(Error, `${file} is an SQLite database of some other program`);
  });
});

describe('SqliteStore schema', () => {
  it('answers threadOf, deleteExpired, listScheduled and lookAlike from indexes, without sorting', () => {
    const db = new Database(':memory:');
    try {
      registerSearchTerms(db);
      for (const sql of MIGRATIONS) db.exec(sql);
      const plan = (sql: string): string =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('; ');
      expect(plan('SELECT * FROM messages WHERE parent_id = 1 ORDER BY id')).to.match(/USING INDEX messages_by_parent/);
      expect(plan("DELETE FROM messages WHERE kind = 'room' AND created_at < 1")).to.match(
        /USING (COVERING )?INDEX messages_room_created/,
      );
      expect(
        plan("DELETE FROM messages WHERE kind = 'private' AND delivered_at IS NOT NULL AND delivered_at < 1"),
      ).to.match(/USING (COVERING )?INDEX messages_private_delivered/);
      expect(plan("SELECT * FROM scheduled_messages WHERE author = 'alice' ORDER BY due_at, id")).to.not.match(
        /TEMP B-TREE/,
      );
      expect(plan('SELECT * FROM scheduled_messages ORDER BY due_at, id')).to.not.match(/TEMP B-TREE/);
      expect(plan(`SELECT nick FROM users WHERE ${skeletonSql('nick')} = 'x' AND nick <> 'x'`)).to.match(/USING INDEX users_by_skeleton/);
      // A private conversation is a range of one index per direction; a search walks the
      // full-text index newest first and stops once the page is full.
      expect(plan("SELECT id FROM messages WHERE kind = 'private' AND from_nick = 'a' AND to_nick = 'b' AND id < 9 ORDER BY id DESC")).to.match(
        /USING (COVERING )?INDEX messages_private_pair/,
      );
      const search = plan(searchSql('m.id').replaceAll(/@\w+/g, 'NULL').replace('MATCH NULL', "MATCH 'x'").replace('json_each(NULL)', "json_each('[]')"));
      expect(search).to.match(/SCAN messages_fts VIRTUAL TABLE/);
      expect(search).to.not.match(/TEMP B-TREE/);
    } finally {
      db.close();
    }
  });
});
