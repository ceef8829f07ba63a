import net from 'node:net';
import { expect } from 'chai';
import type { ServerConfig } from '../../lib/config.js';
import type { StartOptions } from '../../lib/server/chat-service.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { RecordingLogger } from '../helpers/recording-logger.js';
import { SshTestClient, sshPort } from '../helpers/ssh-test-client.js';
import { TestServer } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/wait-until.js';

/** A raw TCP connection to the SSH port, for bytes no SSH client would send. */
function rawSocket(port: number): Promise<{ socket: net.Socket; received: () => string; closed: () => boolean }> {
  return new Promise((resolve, reject) => {
    let text = '';
    let closed = false;
    const socket = net.connect({ port, host: '127.0.0.1' }, () => {
      resolve({ socket, received: () => text, closed: () => closed });
    });
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => (closed = true));
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

describe('SSH: limits and bad input, over real sockets', function () {
  let server: TestServer | undefined;

  async function start(overrides: Partial<ServerConfig> = {}, options: StartOptions = {}): Promise<TestServer> {
    server = await TestServer.start({ ssh: { port: 0, hostKeyFile: null }, ...overrides }, options);
    return server;
  }

  afterEach(async function () {
    await server?.stop();
    server = undefined;
  });

  it('counts SSH connections, handshakes included, against --max-per-address with the plain ones', async function () {
    const logger = new RecordingLogger();
    const server = await start({ maxPerAddress: 2 }, { logger });
    const first = await rawSocket(sshPort(server));
    const telnet = await server.connect();
    await telnet.waitFor(/^nickname: $/);
    await waitUntil(() => server.running.server.openConnections === 2);
    const third = await rawSocket(sshPort(server));
    await waitUntil(third.closed);
    expect(third.received()).to.equal('ERROR TOO_MANY_CONNECTIONS: Too many connections from 127.0.0.1 (the limit is 2). Close one and try again.\r\n');
    const fourth = await server.connect();
    await fourth.waitClosed();
    expect(fourth.lines()[0]).to.match(/^ERROR TOO_MANY_CONNECTIONS/);
    first.socket.destroy();
    await waitUntil(() => server.running.server.openConnections === 1);
    const client = await SshTestClient.connect(sshPort(server), { user: 'alice', password: 'pw' });
    const shell = await client.shell();
    await shell.waitFor(/-- welcome, alice!/);
    client.end();
  });

  it('closes a connection that has not logged in by --login-timeout, with a log line, and leaves the others alone', async function () {
    const clock = fakeClock();
    const logger = new RecordingLogger();
    const server = await start({ loginTimeoutMs: 60_000 }, { clock, logger });
    const client = await SshTestClient.connect(sshPort(server), { user: 'alice', password: 'pw' });
    const shell = await client.shell();
    await shell.waitFor(/-- welcome, alice!/);
    const stalled = await rawSocket(sshPort(server));
    stalled.socket.write('SSH-2.0-stalled\r\n');
    await waitUntil(() => stalled.received().startsWith('SSH-2.0-chat-line'));
    clock.tick(59_999);
    expect(stalled.closed()).to.equal(false);
    clock.tick(1);
    await waitUntil(stalled.closed);
    expect(logger.events('ssh.timeout').map((entry) => entry.fields.stage)).to.deep.equal(['key exchange']);
    shell.write('/who\n');
    await shell.waitFor(/-- #general: 1 member, 1 online/);
    client.end();
  });

  it('answers garbage before the handshake by closing that connection alone, with one log line', async function () {
    const logger = new RecordingLogger();
    const server = await start({}, { logger });
    const bob = await server.login('bob');
    const garbage = await rawSocket(sshPort(server));
    garbage.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n' + '\u0000\u00ff'.repeat(1000));
    await waitUntil(garbage.closed);
    const failed = logger.events('ssh.handshake_failed');
    expect(failed).to.have.length(1);
    expect(failed[0]?.fields).to.include({ stage: 'identification' });
    bob.write('still here');
    await bob.waitFor(/<bob> still here$/);
    await waitUntil(() => server.running.server.openConnections === 1);
  });

  it('holds many half-open and aborted handshakes to the limits, and frees every slot once they go', async function () {
    const server = await start({ maxPerAddress: 30 });
    const sockets = await Promise.all(Array.from({ length: 40 }, () => rawSocket(sshPort(server))));
    await waitUntil(() => sockets.filter((raw) => raw.received().startsWith('ERROR TOO_MANY_CONNECTIONS')).length === 10, 4000, 'ten refusals');
    expect(server.running.server.openConnections).to.equal(30);
    // Some send half an identification, some a whole one and stop, some hang up mid-way.
    sockets.forEach((raw, i) => {
      if (i % 3 === 0) raw.socket.write('SSH-2.0-half');
      else if (i % 3 === 1) raw.socket.write('SSH-2.0-whole\r\n');
      else raw.socket.end('SSH-2.0-gone\r\n');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const raw of sockets) raw.socket.destroy();
    await waitUntil(() => server.running.server.openConnections === 0, 4000, 'every slot given back');
    const client = await SshTestClient.connect(sshPort(server), { user: 'alice', password: 'pw' });
    client.end();
  });

  it('closes an SSH session idle for --idle-timeout, as any other', async function () {
    const clock = fakeClock();
    const server = await start({ idleTimeoutMs: 60_000 }, { clock });
    const client = await SshTestClient.connect(sshPort(server), { user: 'alice', password: 'pw' });
    const shell = await client.shell();
    await shell.waitFor(/-- welcome, alice!/);
    clock.tick(60_000);
    await shell.waitFor(/-- no input for 60 s; disconnected/);
    await shell.waitClosed();
    client.end();
  });

  it('disconnects an SSH client that floods, as any other', async function () {
    const clock = fakeClock();
    const server = await start({ floodRate: 5, floodBurst: 10 }, { clock });
    const client = await SshTestClient.connect(sshPort(server), { user: 'flooder', password: 'pw' });
    const shell = await client.shell();
    await shell.waitFor(/-- welcome, flooder!/);
    shell.write(Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join(''));
    await shell.waitFor(/ERROR FLOODING: More than 50 lines were waiting/);
    await shell.waitFor(/-- disconnected for flooding/);
    client.end();
  });

  it('gives a connection at most 4 sessions at once, and --login-timeout again once it has none', async function () {
    const clock = fakeClock();
    const logger = new RecordingLogger();
    const server = await start({ loginTimeoutMs: 60_000 }, { clock, logger });
    const client = await SshTestClient.connect(sshPort(server), { user: 'alice', password: 'pw' });
    const shells = await Promise.all(Array.from({ length: 4 }, () => client.shell()));
    for (const shell of shells) await shell.waitFor(/-- welcome, alice!/);
    let refused: unknown;
    try {
      await client.shell();
    } catch (error) {
      refused = error;
    }
    expect(String(refused)).to.match(/open failure|Channel open failure/i);
    clock.tick(120_000);
    expect(server.running.server.openConnections).to.equal(1);
    for (const shell of shells) shell.channel.end();
    for (const shell of shells) await shell.waitClosed();
    await waitUntil(() => server.running.server.connectionCount === 0);
    let gone = false;
    client.client.on('close', () => (gone = true));
    clock.tick(59_999);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gone).to.equal(false);
    clock.tick(1);
    await waitUntil(() => gone, 2000, 'the connection closed');
    expect(logger.events('ssh.timeout').map((entry) => entry.fields.stage)).to.deep.equal(['logged in']);
  });
});
