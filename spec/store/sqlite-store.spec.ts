import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { ChatStore } from '../../lib/store/chat-store.js';
import type { NewMessage } from '../../lib/store/records.js';
import { SqliteStore } from '../../lib/store/sqlite-store.js';
import { storeContract } from './contract.js';

function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'chat-line-'));
}

function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
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

  const hello: NewMessage = { kind: 'room', room: 'lobby', from: 'Alice', to: null, text: 'hello', createdAt: 1 };

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
    await first.createUser({ nick: 'Alice', passwordHash: 'h', createdAt: 1, lastSeenAt: null, readCursor: 0 });
    await first.createRoom({ name: 'lobby', visibility: 'public', owner: null, createdAt: 1 });
    await first.addMember({ room: 'lobby', nick: 'Alice', sinceId: 0 });
    const [stored] = await first.appendMessages([hello]);
    await first.updateReadState('alice', stored!.id, 5);
    await first.close();

    const again = SqliteStore.open({ dataDir: tmp });
    try {
      expect(await again.getUser('alice')).to.deep.equal({
        nick: 'Alice',
        passwordHash: 'h',
        createdAt: 1,
        lastSeenAt: 5,
        readCursor: stored!.id,
      });
      expect(await again.listRooms()).to.have.length(1);
      expect(await again.listMemberships()).to.deep.equal([{ room: 'lobby', nick: 'Alice', sinceId: 0 }]);
      expect(await again.getMessage(stored!.id)).to.deep.equal(stored);
      expect(await again.lastMessageId()).to.equal(stored!.id);
      const [next] = await again.appendMessages([hello]);
      expect(next!.id).to.be.greaterThan(stored!.id);
    } finally {
      await again.close();
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
