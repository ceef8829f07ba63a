import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import { CLOSE_GRACE_MS } from '../../lib/session/session.js';
import type { ChatStore } from '../../lib/store/chat-store.js';
import { SqliteStore } from '../../lib/store/sqlite/sqlite-store.js';
import { ChildServer } from '../helpers/child-server.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { LineClient } from '../helpers/line-client.js';
import { RecordingLogger } from '../helpers/recording-logger.js';
import { TestServer, tempDir } from '../helpers/test-server.js';

/** A store whose next appends wait until released: a message caught on its way to disk. */
function holdingAppends(store: ChatStore): { store: ChatStore; hold(): Promise<void>; release(): void } {
  let holding = false;
  let reached = (): void => undefined;
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const proxy = new Proxy(store, {
    get(target, property) {
      if (property === 'appendMessages' && holding) {
        return async (...args: Parameters<ChatStore['appendMessages']>) => {
          reached();
          await gate;
          return target.appendMessages(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    store: proxy,
    hold: () => {
      holding = true;
      return new Promise<void>((resolve) => {
        reached = resolve;
      });
    },
    release: () => {
      release();
    },
  };
}

/** What a fresh look at the data directory finds in #general. */
async function storedInGeneral(dataDir: string): Promise<string[]> {
  const store = SqliteStore.open({ dataDir });
  try {
    return (await store.roomHistory('general', 100)).map((message) => message.text);
  } finally {
    await store.close();
  }
}

/** The node process running server-main somewhere below `pid` (npm may put a shell in between). */
function serverProcessUnder(pid: number): number | undefined {
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  for (const child of children) {
    const argv = fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
    if (/node$/.test(argv[0] ?? '') && argv.some((arg) => arg.includes('server-main'))) return child;
    const below = serverProcessUnder(child);
    if (below !== undefined) return below;
  }
  return undefined;
}

async function waitUntilLogged(logger: RecordingLogger, event: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (logger.events(event).length === 0) {
    if (Date.now() > deadline) throw new Error(`${event} was not logged; got ${logger.entries.map((entry) => entry.event).join(' ')}`);
    await delay(10);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Alice sends a file of `size` bytes to #general; returns its id and bytes. */
async function shareFile(server: TestServer, size: number): Promise<{ id: string; body: Buffer }> {
  const alice = await server.login('alice');
  const body = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) body.writeUInt32BE(i, i);
  alice.writeRaw(Buffer.concat([Buffer.from(`/upload big.bin ${size}\n`), body]));
  const line = await alice.waitFor(/sent file [0-9a-z]{8}: big\.bin/, 10_000);
  return { id: /sent file ([0-9a-z]{8})/.exec(line)?.[1] ?? '', body };
}

/** Bob asks for the file and stops reading once its header is there: a download in progress. */
async function startDownload(server: TestServer, id: string): Promise<LineClient> {
  const bob = await server.login('bob');
  bob.write(`/download ${id}`);
  await bob.waitFor(/^-- file /);
  bob.socket.pause();
  return bob;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `npm run build` unless dist/server/server-main.js is newer than every file of lib/ and the bundler. */
function buildIfStale(): void {
  const bundle = path.join(ROOT, 'dist/server/server-main.js');
  const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
  const sources = fs.readdirSync(path.join(ROOT, 'lib'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const changed = [path.join(ROOT, 'scripts/bundle-server.ts'), ...sources.map((entry) => path.join(entry.parentPath, entry.name))].some(
    (file) => fs.statSync(file).mtimeMs > built,
  );
  if (changed) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

describe('shutting down', function () {
  describe('in process', function () {
    let server: TestServer | undefined;
    afterEach(async function () {
      await server?.stop();
      server = undefined;
    });

    it('says goodbye to everyone, stores the message still on its way, and only then closes storage', async function () {
      const dataDir = tempDir();
      const held = holdingAppends(SqliteStore.open({ dataDir }));
      server = await TestServer.start({ dataDir }, { store: held.store });
      const alice = await server.login('alice');
      const bob = await server.login('bob');
      const stored = held.hold();
      alice.write('said just before the end');
      await stored;
      let closed = false;
      const closing = server.running.close('going down for a moment').then(() => {
        closed = true;
      });
      await alice.waitFor(/^-- going down for a moment$/);
      await bob.waitFor(/^-- going down for a moment$/);
      await Promise.all([alice.waitClosed(), bob.waitClosed()]);
      expect(closed, 'closed before the message was stored').to.equal(false);
      held.release();
      await closing;
      expect(await storedInGeneral(dataDir)).to.deep.equal(['said just before the end']);
    });

    it('finishes a download in progress, every byte of it, before saying goodbye', async function () {
      server = await TestServer.start();
      const { id, body } = await shareFile(server, 5 * 1024 * 1024);
      const bob = await startDownload(server, id);
      const closing = server.running.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      bob.socket.resume();
      expect((await bob.waitForFile(10_000)).equals(body), 'the whole file').to.equal(true);
      await bob.waitFor(/^-- server shutting down$/);
      await closing;
    });

    it('takes a client hanging up mid-download for what it is: no error in the log, and the others carry on', async function () {
      const logger = new RecordingLogger();
      server = await TestServer.start({}, { logger });
      const { id } = await shareFile(server, 5 * 1024 * 1024);
      const bob = await startDownload(server, id);
      bob.socket.destroy();
      await waitUntilLogged(logger, 'file.download_cut');
      expect(logger.entries.filter((entry) => entry.level === 'error')).to.deep.equal([]);
      const carol = await server.login('carol');
      carol.write('/whois carol');
      await carol.waitFor(/status: +online/);
    });

    it('cuts a download that takes longer than --download-grace once the server is closing, leaving no timer (on a fake clock)', async function () {
      const clock = fakeClock();
      server = await TestServer.start({ downloadGraceMs: 30_000 }, { clock });
      const { id } = await shareFile(server, 5 * 1024 * 1024);
      const bob = await startDownload(server, id);
      const closing = server.running.close();
      clock.tick(29_999);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(bob.closed, 'cut before the grace was over').to.equal(false);
      clock.tick(1);
      await closing;
      bob.socket.resume();
      await bob.waitClosed();
      expect(clock.pending(), 'timers left after close').to.equal(0);
    });

    it('cuts a client that never hangs up once the grace is over, and leaves no timer behind (on a fake clock)', async function () {
      const clock = fakeClock();
      server = await TestServer.start({}, { clock });
      const stubborn = await LineClient.connect(server.port, '127.0.0.1', { allowHalfOpen: true });
      try {
        stubborn.write('/login stubborn pw');
        await stubborn.waitFor(/^-- welcome, stubborn!/);
        let closed = false;
        const closing = server.running.close().then(() => {
          closed = true;
        });
        await stubborn.waitFor(/^-- server shutting down$/);
        await new Promise((resolve) => setImmediate(resolve));
        expect(closed, 'closed while the client still held its end open').to.equal(false);
        clock.tick(CLOSE_GRACE_MS);
        await closing;
        expect(server.running.server.state).to.equal('closed');
        expect(clock.pending(), 'timers left after close').to.equal(0);
      } finally {
        stubborn.close();
      }
    });
  });

  describe('the server process', function () {
    this.timeout(30_000);
    let child: ChildServer | undefined;
    let dataDir: string;
    beforeEach(function () {
      dataDir = tempDir();
    });
    afterEach(async function () {
      await child?.stop();
      child = undefined;
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const startChild = async (): Promise<number> => {
      child = ChildServer.spawn(['--port', '0', '--data-dir', dataDir, '--log-level', 'info', '--min-password-length', '1']);
      return child.port();
    };

    it('on SIGTERM stops accepting, tells users, closes storage and exits 0', async function () {
      const port = await startChild();
      const alice = await LineClient.login(port, 'alice');
      alice.write('kept');
      await alice.waitFor(/<alice> kept$/);
      child?.kill('SIGTERM');
      await alice.waitFor(/^-- server shutting down, see you soon$/);
      await alice.waitClosed();
      expect(await child?.exited()).to.deep.equal({ code: 0, signal: null });
      expect(child?.stderr).to.match(/server\.signal signal=SIGTERM/).and.to.match(/server\.closed/);
      expect(await storedInGeneral(dataDir)).to.deep.equal(['kept']);
    });

    it('serves from `npm start`, and stops when it is sent SIGTERM: npm hands the signal to the server, which it runs in its own place', async function () {
      // npm start runs the bundled server (dist/server/, built by `npm install`): built again
      // here when lib/ has changed since, so that this tests the code as it is.
      this.timeout(180_000);
      buildIfStale();
      const npm = spawn('npm', ['start', '--', '--port', '0', '--data-dir', dataDir], { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      npm.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
      npm.stdout.resume();
      const deadline = Date.now() + 20_000;
      while (!/server\.ready/.test(output) && Date.now() < deadline) await delay(50);
      expect(output).to.match(/server\.ready/);
      // The bundle hashes passwords in its worker and stores and finds a message.
      const port = Number(/server\.listening transport=tcp host=\S+ port=(\d+)/.exec(output)?.[1]);
      const alice = await LineClient.connect(port, '127.0.0.1');
      try {
        alice.write('/login alice secretpw1');
        await alice.waitFor(/^-- welcome, alice!/);
        alice.write('from the bundle');
        alice.write('/search bundle');
        await alice.waitFor(/^-- search for "bundle": 1 message/);
      } catch (error) {
        // Not left running (and holding mocha open) when the bundle does not serve.
        const server = serverProcessUnder(npm.pid ?? 0);
        if (server !== undefined) process.kill(server, 'SIGKILL');
        npm.kill('SIGKILL');
        throw error;
      } finally {
        alice.close();
      }
      const server = serverProcessUnder(npm.pid ?? 0);
      expect(server, 'the server process').to.be.a('number');
      if (server === undefined) return;
      const exited = new Promise((resolve) => npm.once('exit', resolve));
      npm.kill('SIGTERM');
      await exited;
      while (isRunning(server) && Date.now() < deadline) await delay(50);
      const outlived = isRunning(server);
      // Ours to end if it got away (by its PID, which we read above).
      if (outlived) process.kill(server, 'SIGKILL');
      expect(outlived, 'the server outlived npm').to.equal(false);
      expect(output).to.match(/server\.signal signal=SIGTERM/).and.to.match(/server\.closed/);
    });

    it('exits at once on a second signal while the first shutdown waits', async function () {
      const port = await startChild();
      const stubborn = await LineClient.connect(port, '127.0.0.1', { allowHalfOpen: true });
      try {
        stubborn.write('/login stubborn pw');
        await stubborn.waitFor(/^-- welcome, stubborn!/);
        child?.kill('SIGINT');
        await stubborn.waitFor(/^-- server shutting down/);
        child?.kill('SIGINT');
        expect(await child?.exited()).to.deep.equal({ code: 130, signal: null });
        expect(child?.stderr).to.match(/server\.forced_exit signal=SIGINT/);
      } finally {
        stubborn.close();
      }
    });
  });
});
