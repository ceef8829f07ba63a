import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { LineClient } from '../helpers/line-client.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { ANYONE_MAY_REPORT, useTestServer, type TestServer } from '../helpers/test-server.js';

const ANNOUNCEMENT = /<(\S+)(?: -> (\S+))?> sent file ([0-9a-z]{8}): (.+) \(([^)]+)\); \/download \3$/;
const MB = 1024 * 1024;

/** Every byte value, `times` times over. */
function everyByte(times = 1): Buffer {
  return Buffer.from(Array.from({ length: 256 * times }, (_, i) => i % 256));
}

/** The wire form: the line and the bytes in one write, as a script piping into nc would. */
function uploadBytes(target: string, name: string, body: Buffer, after = ''): Buffer {
  return Buffer.concat([Buffer.from(`/upload ${target}${target ? ' ' : ''}${name} ${body.length}\r\n`), body, Buffer.from(after)]);
}

/** Sends a file and returns its id, read from the announcement the sender sees (names must differ). */
async function upload(client: LineClient, target: string, name: string, body: Buffer): Promise<string> {
  client.writeRaw(uploadBytes(target, name, body));
  const ofThisFile = new RegExp(`sent file [0-9a-z]{8}: ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`);
  const line = await client.waitFor(ofThisFile, 10_000);
  return ANNOUNCEMENT.exec(line)![3]!;
}

function filesDir(server: TestServer): string {
  return path.join(server.config.dataDir, 'files');
}

/** Names in the files directory, uploads in progress (tmp/) listed as tmp/<name>. */
function storedFiles(server: TestServer): string[] {
  const dir = filesDir(server);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name !== 'tmp').sort();
}

async function eventually(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('sending files over real sockets', function () {
  const ctx = useTestServer();

  it('sends a file of every byte value to the current room; members see id, name, size and sender, and download exactly those bytes', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const body = everyByte(40);
    // The bytes include CR, LF, IAC and "/quit": none of them may be taken for a line.
    alice.writeRaw(uploadBytes('', 'all bytes.bin', Buffer.concat([Buffer.from('\r\n/quit\r\n'), body]), 'after the file\r\n'));
    const seen = await bob.waitFor(ANNOUNCEMENT);
    const [, sender, , id, name, size] = ANNOUNCEMENT.exec(seen)!;
    expect([sender, name, size]).to.deep.equal(['alice', 'all bytes.bin', '10 KB']);
    expect(seen).to.match(/#general/);
    await bob.waitFor(/<alice> after the file$/);
    bob.write(`/download ${id!.toUpperCase()}`);
    const header = await bob.waitFor(/^-- file /);
    expect(header).to.equal(`-- file ${id!} all bytes.bin ${body.length + 9}`);
    expect((await bob.waitForFile()).equals(Buffer.concat([Buffer.from('\r\n/quit\r\n'), body]))).to.equal(true);
    bob.write('/status');
    await bob.waitFor(/^-- you: bob/);
    expect(alice.closed).to.equal(false);
  });

  it('accepts a file of exactly the limit, and refuses one byte more before storing anything, skipping its bytes and going on', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const limit = ctx.server.config.maxFileBytes;
    expect(limit).to.equal(5 * MB);
    const big = Buffer.alloc(limit);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE(i, i);
    const id = await upload(alice, '#general', 'five.mb', big);
    bob.write(`/download ${id}`);
    expect((await bob.waitForFile(10_000)).equals(big)).to.equal(true);

    const mallory = await ctx.server.login('mallory');
    // The bytes are all sent at once, as nc would, with a line after them.
    mallory.writeRaw(Buffer.concat([uploadBytes('#general', 'too.big', Buffer.alloc(limit + 1, 0x78)), Buffer.from('still here\r\n')]));
    await mallory.waitFor(/^ERROR FILE_TOO_LARGE: Files may be at most 5 MB \(5242880 bytes\); nothing was stored\.$/);
    await mallory.waitFor(/<mallory> still here$/);
    expect(storedFiles(ctx.server)).to.deep.equal([id]);
    // A size too large even to read through ends the connection.
    mallory.write(`/upload #general huge.iso ${2 * 1024 ** 3}`);
    await mallory.waitFor(/^ERROR FILE_TOO_LARGE/);
    await mallory.waitFor(/^-- connection closed: that file is too large even to skip/);
    await mallory.waitClosed();
    bob.write('/history 5');
    await bob.waitFor(/end of history/);
    expect(bob.all).not.to.contain('too.big');
  });

  it('leaves nothing behind when the connection drops in the middle of an upload', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.writeRaw(Buffer.concat([Buffer.from('/upload #general half.bin 200000\r\n'), Buffer.alloc(100_000, 7)]));
    await eventually(() => storedFiles(ctx.server).some((name) => name.startsWith('tmp')), 'the upload has started');
    alice.close();
    await eventually(() => storedFiles(ctx.server).length === 0, `the partial upload is removed: ${storedFiles(ctx.server).join(',')}`);
    bob.write('/history 5');
    await bob.waitFor(/end of history|no messages/);
    expect(bob.all).not.to.contain('half.bin');
  });

  it('refuses a file for a room the sender is not in, skipping exactly its bytes, and stores nothing', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    bob.write('/chats dev');
    await bob.waitFor(/now talking in #dev/);
    alice.writeRaw(uploadBytes('#dev', 'x.txt', Buffer.from('/quit\r\n'), 'still here\r\n'));
    await alice.waitFor(/^ERROR NOT_A_MEMBER: You are not in #dev/);
    await alice.waitFor(/<alice> still here$/);
    alice.writeRaw(uploadBytes('#nowhere', 'x.txt', Buffer.from('/quit\r\n'), '/upload @nobody y 2\r\nhi/upload @alice z 0\r\n'));
    await alice.waitFor(/^ERROR NO_SUCH_ROOM/);
    await alice.waitFor(/^ERROR NO_SUCH_USER/);
    await alice.waitFor(/^ERROR SELF_MESSAGE/);
    alice.write('/upload x.txt');
    await alice.waitFor(/^ERROR INVALID_ARGUMENT: Give the name and then the size/);
    alice.writeRaw(uploadBytes('#general', '', Buffer.from('abc'), 'and on\r\n'));
    await alice.waitFor(/^ERROR INVALID_ARGUMENT: The file needs a name/);
    await alice.waitFor(/<alice> and on$/);
    expect(storedFiles(ctx.server)).to.deep.equal([]);
  });

  it('sends a file privately: only the two of them can download it, and everyone else is told there is no such file', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const carol = await ctx.server.login('carol');
    const id = await upload(alice, '@bob', 'for bob.txt', Buffer.from('just for you'));
    expect(await bob.waitFor(ANNOUNCEMENT)).to.match(/\(private\) .*<alice -> bob> sent file/);
    bob.write(`/download ${id}`);
    expect((await bob.waitForFile()).toString()).to.equal('just for you');
    alice.write(`/download ${id}`);
    expect((await alice.waitForFile()).toString()).to.equal('just for you');
    carol.write(`/download ${id}`);
    const refused = await carol.waitFor(/^ERROR /);
    carol.write('/download zzzzzzzz');
    expect((await carol.waitFor(/^ERROR /)).replace('zzzzzzzz', id)).to.equal(refused);
    expect(refused).to.match(/^ERROR NO_SUCH_FILE/);
    expect(carol.all).not.to.contain('for bob');
  });

  it('keeps the files of a private room to its members, and an outsider cannot even send one there', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.write('/chats secret --private');
    await alice.waitFor(/now talking in #secret/);
    const id = await upload(alice, '', 'plans.txt', Buffer.from('the plan'));
    bob.write(`/download ${id}`);
    const refused = await bob.waitFor(/^ERROR /);
    expect(refused).to.equal(`ERROR NO_SUCH_FILE: There is no file ${id} for you. The id is in the line that announced the file.`);
    bob.writeRaw(uploadBytes('#secret', 'spam.txt', Buffer.from('spam')));
    const hidden = await bob.waitFor(/^ERROR /);
    bob.writeRaw(uploadBytes('#nosuch', 'spam.txt', Buffer.from('spam')));
    expect((await bob.waitFor(/^ERROR /)).replaceAll('nosuch', 'secret')).to.equal(hidden);

    alice.write('/invite secret bob');
    await alice.waitFor(/invited bob/);
    bob.write('/chats secret');
    await bob.waitFor(/now talking in #secret/);
    bob.write(`/download ${id}`);
    expect((await bob.waitForFile()).toString()).to.equal('the plan');
    alice.write('/kick secret bob');
    await alice.waitFor(/removed bob/);
    bob.write(`/download ${id}`);
    expect(await bob.waitFor(/^ERROR /)).to.equal(refused);
  });

  it('takes an upload piped in one go right after /login, as a script with nc would, and an empty file too', async function () {
    const bob = await ctx.server.login('bob');
    const script = await ctx.server.connect();
    script.writeRaw(Buffer.concat([Buffer.from('/login bot pw\n'), uploadBytes('#general', 'report.csv', Buffer.from('a,b\n1,2\n'), '/upload empty.txt 0\n/quit\n')]));
    await script.waitFor(/^-- bye!/);
    const [first, second] = [await bob.waitFor(ANNOUNCEMENT), await bob.waitFor(ANNOUNCEMENT)];
    expect(ANNOUNCEMENT.exec(first)?.[4]).to.equal('report.csv');
    expect(ANNOUNCEMENT.exec(second)?.[5]).to.equal('0 bytes');
    bob.write(`/download ${ANNOUNCEMENT.exec(second)![3]!}`);
    expect((await bob.waitForFile()).length).to.equal(0);
  });

  it('keeps files and who may read them across a restart', async function () {
    const alice = await ctx.server.login('alice');
    const id = await upload(alice, '#general', 'kept.bin', everyByte());
    await ctx.server.restart();
    const bob = await ctx.server.login('bob');
    bob.write(`/download ${id}`);
    expect((await bob.waitForFile()).equals(everyByte())).to.equal(true);
  });

  it('takes several large uploads at once without mixing them up', async function () {
    const senders = await Promise.all(['u1', 'u2', 'u3', 'u4'].map((nick) => ctx.server.login(nick)));
    const bodies = senders.map((_, i) => Buffer.alloc(MB, i + 1));
    const ids = await Promise.all(senders.map((client, i) => upload(client, '#general', `part${i}.bin`, bodies[i]!)));
    const reader = await ctx.server.login('reader');
    for (const [i, id] of ids.entries()) {
      reader.write(`/download ${id}`);
      expect((await reader.waitForFile()).equals(bodies[i]!), `file ${i}`).to.equal(true);
    }
  });
});

describe('files and the message lifetime', function () {
  const clock = fakeClock();
  const ctx = useTestServer({ messageTtlMs: 3_600_000, floodRate: 0 }, { clock });

  it('removes a file, bytes and all, when the message that announced it expires', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const id = await upload(alice, '#general', 'short-lived.txt', Buffer.from('soon gone'));
    expect(storedFiles(ctx.server)).to.deep.equal([id]);
    await clock.advance(3_600_000);
    bob.write(`/download ${id}`);
    await bob.waitFor(/^ERROR NO_SUCH_FILE/);
    // The next expiry sweep reclaims the space.
    await clock.advance(60_000);
    await eventually(() => storedFiles(ctx.server).length === 0, 'the file is removed from disk');
  });
});

describe('files and the sending rules', function () {
  const ctx = useTestServer({ ...ANYONE_MAY_REPORT, banThreshold: 1, rateLimit: 2 });

  it('counts a file to #general as one message against the rate limit, and removes one refused by it', async function () {
    const alice = await ctx.server.login('alice');
    await upload(alice, '#general', 'one.txt', Buffer.from('1'));
    await upload(alice, '#general', 'two.txt', Buffer.from('2'));
    alice.writeRaw(uploadBytes('#general', 'three.txt', Buffer.from('3')));
    await alice.waitFor(/^ERROR RATE_LIMITED/);
    expect(storedFiles(ctx.server)).to.have.length(2);
  });

  it('refuses a file from a banned user before storing any of it, like any other message', async function () {
    const spammer = await ctx.server.login('spammer');
    const reporter = await ctx.server.login('reporter');
    reporter.write('/ban spammer');
    await reporter.waitFor(/^-- you reported/);
    spammer.writeRaw(uploadBytes('#general', 'spam.bin', Buffer.alloc(50_000, 1), '/who\r\n'));
    await spammer.waitFor(/^ERROR BANNED/);
    await spammer.waitFor(/^-- #general: /);
    expect(storedFiles(ctx.server)).to.deep.equal([]);
  });
});
