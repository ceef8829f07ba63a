import net from 'node:net';
import { expect } from 'chai';
import sinon from 'sinon';
import type { ServerConfig } from '../../lib/config.js';
import type { StartOptions } from '../../lib/server/chat-service.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { RecordingLogger } from '../helpers/recording-logger.js';
import { TestServer } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/wait-until.js';

describe('limits and overload, over real sockets', function () {
  let server: TestServer | undefined;

  async function start(overrides: Partial<ServerConfig> = {}, options: StartOptions = {}): Promise<TestServer> {
    server = await TestServer.start(overrides, options);
    return server;
  }

  afterEach(async function () {
    await server?.stop();
    server = undefined;
  });

  describe('connections', function () {
    it('refuses a connection over --max-per-address with one TOO_MANY_CONNECTIONS line, and admits again once a slot frees', async function () {
      const logger = new RecordingLogger();
      const server = await start({ maxPerAddress: 2 }, { logger });
      const first = await server.connect();
      const second = await server.connect();
      await first.waitFor(/^nickname: $/);
      await second.waitFor(/^nickname: $/);
      const third = await server.connect();
      await third.waitClosed();
      expect(third.lines()).to.deep.equal([
        'ERROR TOO_MANY_CONNECTIONS: Too many connections from 127.0.0.1 (the limit is 2). Close one and try again.',
      ]);
      expect(logger.events('server.connection_refused')).to.have.length(1);
      first.close();
      await waitUntil(() => server.running.server.openConnections === 1);
      const fourth = await server.connect();
      await fourth.waitFor(/^nickname: $/);
    });

    it('survives refused clients that reset the connection before the refusal reaches them', async function () {
      const server = await start({ maxConnections: 1 });
      const alice = await server.login('alice');
      const resets = Array.from({ length: 50 }, () =>
        server.connect().then((client) => {
          client.socket.resetAndDestroy();
        }),
      );
      await Promise.all(resets);
      await waitUntil(() => server.running.server.openConnections === 1);
      alice.write('/who');
      await alice.waitFor(/^-- #general: 1 member, 1 online/);
    });

    it('logs a failed accept (out of file descriptors) and goes on listening', async function () {
      const logger = new RecordingLogger();
      const createServer = sinon.spy(net, 'createServer');
      const server = await start({}, { logger }).finally(() => {
        createServer.restore();
      });
      createServer.returnValues[0]?.emit('error', Object.assign(new Error('accept EMFILE'), { code: 'EMFILE' }));
      expect(logger.events('server.accept_failed').map((entry) => entry.fields.error)).to.deep.equal(['accept EMFILE']);
      await server.login('alice');
    });

    it('refuses every connection over --max-connections in all', async function () {
      const server = await start({ maxConnections: 1 });
      const alice = await server.login('alice');
      const refused = await server.connect();
      await refused.waitClosed();
      expect(refused.lines()).to.deep.equal(['ERROR TOO_MANY_CONNECTIONS: The server is full (1 connections). Try again later.']);
      alice.write('/who');
      await alice.waitFor(/^-- #general: 1 member, 1 online/);
    });
  });

  describe('timeouts (on a fake clock)', function () {
    it('closes a connection that has not logged in when --login-timeout passes, and leaves logged-in ones alone', async function () {
      const clock = fakeClock();
      const server = await start({ loginTimeoutMs: 60_000 }, { clock });
      const alice = await server.login('alice');
      const lurker = await server.connect();
      await lurker.waitFor(/^nickname: $/);
      clock.tick(59_999);
      lurker.write('');
      await lurker.waitFor(/^nickname: $/);
      clock.tick(1);
      await lurker.waitFor(/^-- login timed out$/);
      await lurker.waitClosed();
      clock.tick(120_000);
      alice.write('/who');
      await alice.waitFor(/^-- #general: 1 member, 1 online/);
    });

    it('closes a session that sends no line for --idle-timeout, counting from its last line', async function () {
      const clock = fakeClock();
      const server = await start({ idleTimeoutMs: 60_000 }, { clock });
      const alice = await server.login('alice');
      for (let i = 0; i < 2; i++) {
        clock.tick(50_000);
        alice.write('/who');
        await alice.waitFor(/^-- #general: /);
      }
      clock.tick(59_999);
      expect(server.running.server.connectionCount).to.equal(1);
      clock.tick(1);
      await alice.waitFor(/^-- no input for 60 s; disconnected$/);
      await alice.waitClosed();
    });
  });

  it('answers a line over --max-line with LINE_TOO_LONG, passes none of it on, and goes on working', async function () {
    const server = await start({ maxLineBytes: 4096 });
    const bob = await server.login('bob');
    const alice = await server.login('alice');
    const chunk = 'y'.repeat(64 * 1024);
    for (let i = 0; i < 16; i++) alice.writeRaw(chunk);
    alice.writeRaw('\r\n');
    expect(await alice.waitFor(/^ERROR /)).to.equal('ERROR LINE_TOO_LONG: That line was 1048576 bytes; the limit is 4096. It was not sent.');
    alice.write('short again');
    await bob.waitFor(/<alice> short again$/);
    expect(bob.all).not.to.contain('yyyy');
  });

  it('disconnects a client that stops reading once its pending output passes --max-queue, with a log line, while others keep up', async function () {
    this.timeout(20_000);
    const logger = new RecordingLogger();
    const maxQueueBytes = 64 * 1024;
    const server = await start({ maxQueueBytes, floodRate: 0 }, { logger });
    const bob = await server.login('bob');
    const stalled = await server.login('stalled');
    const alice = await server.login('alice');
    stalled.socket.pause();
    const filler = 'x'.repeat(3000);
    let slowestRoundTrip = 0;
    // Kernel socket buffers take a few MB first; then the server's own queue fills.
    for (let round = 0; round < 1000 && logger.events('session.slow_consumer').length === 0; round++) {
      for (let i = 0; i < 10; i++) alice.write(`${round}.${i} ${filler}`);
      await alice.waitFor(new RegExp(`<alice> ${round}\\.9 `));
      const sent = Date.now();
      bob.write('/who');
      await bob.waitFor(/^-- #general: /);
      slowestRoundTrip = Math.max(slowestRoundTrip, Date.now() - sent);
    }
    const [event] = logger.events('session.slow_consumer');
    expect(event?.fields.nick).to.equal('stalled');
    expect(event?.fields.pendingBytes).to.be.above(maxQueueBytes);
    await waitUntil(() => server.running.chat.hub.onlineUser('stalled') === undefined);
    expect(slowestRoundTrip, 'slowest /who round trip of another user, in ms').to.be.below(1000);
    alice.write('after');
    await bob.waitFor(/<alice> after$/);
  });

  describe('flooding (on a fake clock)', function () {
    const lines = (count: number): string => Array.from({ length: count }, (_, i) => `line ${i + 1}\r\n`).join('');
    const said = (client: { lines(): string[] }, nick: string): string[] =>
      client
        .lines()
        .filter((line) => line.includes(`<${nick}> `))
        .map((line) => line.replace(/^.*?> /, ''));

    it('delays lines beyond --flood-burst to --flood-rate a second (fakelag) and drops none', async function () {
      const clock = fakeClock();
      const server = await start({ floodRate: 5, floodBurst: 10 }, { clock });
      const bob = await server.login('bob');
      const alice = await server.login('alice');
      alice.writeRaw(lines(25));
      // Her /login line took one token of the ten, so nine go out at once.
      await bob.waitFor(/<alice> line 9$/);
      bob.write('/who');
      await bob.waitFor(/^-- #general: /);
      expect(said(bob, 'alice')).to.have.length(9);
      for (let n = 10; n <= 25; n++) {
        clock.tick(200);
        await bob.waitFor(new RegExp(`<alice> line ${n}$`));
      }
      expect(said(bob, 'alice')).to.deep.equal(Array.from({ length: 25 }, (_, i) => `line ${i + 1}`));
    });

    it('disconnects a client with more than 50 lines waiting, with FLOODING and a log line, and the others carry on', async function () {
      const clock = fakeClock();
      const logger = new RecordingLogger();
      const server = await start({ floodRate: 5, floodBurst: 10 }, { clock, logger });
      const bob = await server.login('bob');
      const flooder = await server.login('flooder');
      flooder.writeRaw(lines(100));
      expect(await flooder.waitFor(/^ERROR /)).to.match(/^ERROR FLOODING: More than 50 lines were waiting/);
      await flooder.waitFor(/^-- disconnected for flooding$/);
      await flooder.waitClosed();
      expect(logger.events('session.flood').map((entry) => entry.fields.nick)).to.deep.equal(['flooder']);
      bob.write('still here');
      await bob.waitFor(/<bob> still here$/);
      expect(said(bob, 'flooder').length).to.be.at.most(9);
    });
  });
});
