import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import { ChildServer } from '../helpers/child-server.js';
import { LineClient } from '../helpers/line-client.js';
import { messagesIn, steadyTraffic, wholeHistory } from '../helpers/steady-traffic.js';
import { tempDir } from '../helpers/test-server.js';

describe('crash safety of the server process', function () {
  this.timeout(40_000);
  let dataDir: string;
  const children: ChildServer[] = [];

  function spawnServer(...args: string[]): ChildServer {
    // Its users register with short passwords such as "pw".
    const child = ChildServer.spawn([...(args.includes('--data-dir') ? args : ['--data-dir', dataDir, ...args]), '--min-password-length', '1']);
    children.push(child);
    return child;
  }

  beforeEach(function () {
    dataDir = tempDir();
  });

  afterEach(async function () {
    await Promise.all(children.splice(0).map((child) => child.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('has stored every message anyone saw when it is killed with SIGKILL mid-traffic, and none twice', async function () {
    const args = ['--port', '0', '--log-level', 'info', '--flood-rate', '0'];
    const first = spawnServer(...args);
    const port = await first.port();
    const senders = await Promise.all(['ann', 'ben', 'cat'].map((nick) => LineClient.login(port, nick)));
    const watcher = await LineClient.login(port, 'watcher');
    let killed = false;
    const traffic = steadyTraffic(senders, () => killed);
    await delay(1200);
    first.kill('SIGKILL');
    killed = true;
    expect(await first.exited()).to.deep.equal({ code: null, signal: 'SIGKILL' });
    await traffic;

    const seen = new Set(messagesIn([watcher, ...senders].flatMap((client) => client.lines())));
    expect(seen.size, 'messages seen before the kill').to.be.above(30);

    const second = spawnServer(...args);
    const reader = await LineClient.login(await second.port(), 'reader');
    const history = await wholeHistory(reader);
    expect([...seen].filter((message) => !history.includes(message)), 'seen but lost').to.deep.equal([]);
    for (const client of [watcher, reader, ...senders]) client.close();
  });

  describe('at start-up', function () {
    it('refuses a corrupt database with a clear message and exit code 1, and leaves the file as it was', async function () {
      const file = path.join(dataDir, 'chat-line.db');
      const garbage = Buffer.from('this is not an SQLite database, but it is somebody\u2019s data\n'.repeat(200));
      fs.writeFileSync(file, garbage);
      const child = spawnServer('--port', '0');
      expect(await child.exited()).to.deep.equal({ code: 1, signal: null });
      expect(child.stderr).to.match(/^chat-line-server: cannot start: .*chat-line\.db is not a chat-line database or is corrupt: .*Move it aside to start afresh, or restore it from a backup\./m);
      expect(fs.readFileSync(file).equals(garbage)).to.equal(true);
    });

    it('refuses a data directory it cannot create or write to, naming it, with exit code 1', async function () {
      const blocker = path.join(dataDir, 'a-file');
      fs.writeFileSync(blocker, '');
      const child = spawnServer('--port', '0', '--data-dir', path.join(blocker, 'data'));
      expect(await child.exited()).to.deep.equal({ code: 1, signal: null });
      expect(child.stderr).to.match(/^chat-line-server: cannot start: data directory .*a-file\/data is not writable: .*Create it with write permission/m);
    });

    it('refuses a data directory that cannot exist (under /proc) at once, instead of hanging', async function () {
      const child = spawnServer('--port', '0', '--data-dir', '/proc/nope/data');
      expect(await child.exited(10_000)).to.deep.equal({ code: 1, signal: null });
      expect(child.stderr).to.match(/^chat-line-server: cannot start: data directory \/proc\/nope\/data is not writable: ENOENT/m);
    });

    it('refuses a data directory without write permission, naming it, with exit code 1 (skipped as root, who may write anyway)', async function () {
      if (process.getuid?.() === 0) this.skip();
      const locked = path.join(dataDir, 'locked');
      fs.mkdirSync(locked, { mode: 0o555 });
      try {
        const child = spawnServer('--port', '0', '--data-dir', locked);
        expect(await child.exited()).to.deep.equal({ code: 1, signal: null });
        expect(child.stderr).to.match(/^chat-line-server: cannot start: data directory .*locked is not writable: .*Create it with write permission/m);
      } finally {
        fs.chmodSync(locked, 0o755);
      }
    });
  });
});
