import net from 'node:net';
import { stripVTControlCharacters } from 'node:util';
import { expect } from 'chai';
import { LoginMemory, MAX_RECONNECT_DELAY_MS, ReconnectBackoff, isFinalGoodbye } from '../../lib/client/reconnect.js';
import type { ClientExit } from '../../lib/client/client-options.js';
import { pipeClient } from '../helpers/pipe-client.js';
import { useTestServer } from '../helpers/test-server.js';

/** Stands between the client and the server, so a test can cut the network or take the server away. */
class Link {
  private readonly sockets = new Set<net.Socket>();
  private listener: net.Server | undefined;
  port = 0;

  constructor(private readonly serverPort: number) {}

  async up(): Promise<void> {
    const listener = net.createServer((client) => {
      const server = net.connect(this.serverPort, '127.0.0.1');
      for (const socket of [client, server]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          this.sockets.delete(socket);
          client.destroy();
          server.destroy();
        });
      }
      client.pipe(server);
      server.pipe(client);
    });
    this.listener = listener;
    await new Promise<void>((resolve) => listener.listen(this.port, '127.0.0.1', resolve));
    this.port = (listener.address() as net.AddressInfo).port;
  }

  /** Every connection through it cut at once, as by a network that dropped. */
  cut(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** Nobody listening: connections are refused, as by a server that is not back yet. */
  async down(): Promise<void> {
    this.cut();
    const listener = this.listener;
    if (listener) await new Promise((resolve) => listener.close(resolve));
    this.listener = undefined;
  }
}

/** The waits the client asked for, run when the test says (no real time passes). */
class Waits {
  readonly asked: number[] = [];
  private pending: (() => void) | undefined;
  readonly timer = (retry: () => void, ms: number): (() => void) => {
    this.asked.push(ms);
    this.pending = retry;
    return () => {
      this.pending = undefined;
    };
  };

  async elapse(): Promise<void> {
    for (let i = 0; i < 200 && !this.pending; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const retry = this.pending;
    if (!retry) throw new Error('the client asked for no wait');
    this.pending = undefined;
    retry();
  }
}

describe('reconnecting, the parts', function () {
  it('waits 1 s, then twice as long each time up to 30 s, each wait between half and all of it, and from 1 s again after a reset', function () {
    const most = new ReconnectBackoff(() => 1);
    expect([1, 2, 3, 4, 5, 6, 7].map(() => most.next())).to.deep.equal([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    most.reset();
    expect(most.next()).to.equal(1000);
    const least = new ReconnectBackoff(() => 0);
    expect([1, 2, 3].map(() => least.next())).to.deep.equal([500, 1000, 2000]);
    expect(MAX_RECONNECT_DELAY_MS).to.equal(30_000);
  });

  it('keeps the password typed at the prompt or in /login, once the server has welcomed the nick', function () {
    const memory = new LoginMemory();
    memory.sent('alice', 'nickname: ');
    memory.sent('s3cret-pw', 'password: ');
    expect(memory.loginLine(), 'not before the welcome').to.equal(undefined);
    memory.welcomed('alice');
    expect(memory.loginLine()).to.equal('/login alice s3cret-pw');
    const typed = new LoginMemory();
    typed.sent('/login Bob b0b secret', '');
    typed.welcomed('Bob');
    expect(typed.loginLine()).to.equal('/login Bob b0b secret');
    const refused = new LoginMemory();
    refused.sent('hello', '');
    refused.welcomed('carol');
    expect(refused.loginLine(), 'no password seen').to.equal(undefined);
  });

  it('does not come back after the goodbyes that mean it, and does after the others', function () {
    for (const line of ['-- bye!', '-- you were disconnected by opx (operator)', '-- no input for 600 s; disconnected', '-- disconnected for flooding', '-- too many failed logins']) {
      expect(isFinalGoodbye(line), line).to.equal(true);
    }
    for (const line of [undefined, '-- server shutting down, see you soon', '[14:05] #general [abcdefg] <bob> -- bye!']) expect(isFinalGoodbye(line), String(line)).to.equal(false);
  });
});

describe('chat-line reconnecting at a terminal', function () {
  const ctx = useTestServer({ admins: ['opx'] });
  let link: Link;

  beforeEach(async function () {
    link = new Link(ctx.server.port);
    await link.up();
  });
  afterEach(async function () {
    await link.down();
  });

  /** chat-line at a terminal, through the link, logged in as `nick`; its waits are the test's. */
  async function loggedIn(nick: string): Promise<ReturnType<typeof pipeClient> & { waits: Waits; done: Promise<ClientExit> }> {
    const waits = new Waits();
    const client = pipeClient({ host: '127.0.0.1', port: link.port, reconnectTimer: waits.timer, random: () => 1 }, true);
    const done = client.client.run();
    client.input.write(`/login ${nick} pw\r`);
    await client.shows(`-- welcome, ${nick}!`);
    return { ...client, waits, done };
  }

  it('comes back after the network drops, logs in again, catches up and keeps the line being typed', async function () {
    const { input, printed, shows, waits, done } = await loggedIn('alice');
    input.write('half a li');
    link.cut();
    await shows('connection lost (closed by the server); reconnecting in 1 s (Ctrl+C to stop)');
    const bob = await ctx.server.login('bob');
    bob.write('said while alice was away');
    await bob.waitFor(/<bob> said while alice was away$/);
    await waits.elapse();
    // The second welcome, and the catch-up after it.
    await shows('unread since your last visit: 1 message');
    const screen = stripVTControlCharacters(printed());
    expect(screen.split('-- welcome, alice!')).to.have.length(3);
    expect(screen.slice(screen.lastIndexOf('-- welcome, alice!'))).to.contain('<bob> said while alice was away');
    expect(screen.slice(screen.lastIndexOf('connection lost')), 'the greeting of the new connection is not shown').to.not.contain('nickname:');
    input.write('ne\r');
    await bob.waitFor(/<alice> half a line$/);
    expect(waits.asked).to.deep.equal([1000]);
    input.end();
    expect(await done).to.deep.equal({ code: 0 });
  });

  it('tries again, waiting longer each time, while the server is away, and gives a line typed meanwhile back', async function () {
    const { input, shows, waits, done } = await loggedIn('carol');
    await link.down();
    await shows('reconnecting in 1 s');
    input.write('not now\r');
    await shows('not connected: your line was not sent; it is back at the prompt');
    await waits.elapse();
    await shows('reconnecting in 2 s');
    await waits.elapse();
    await shows('reconnecting in 4 s');
    const dave = await ctx.server.login('dave');
    dave.write('while carol was away');
    await link.up();
    await waits.elapse();
    await shows('unread since your last visit: 1 message');
    // The line given back is still at the prompt: Enter sends it.
    input.write('\r');
    await dave.waitFor(/<carol> not now$/);
    expect(waits.asked).to.deep.equal([1000, 2000, 4000]);
    input.end();
    expect((await done).code).to.equal(0);
  });

  it('stops trying at Ctrl+C', async function () {
    const { client, shows, done } = await loggedIn('erin');
    link.cut();
    await shows('reconnecting in 1 s');
    client.interrupt();
    expect(await done).to.deep.equal({ code: 130 });
  });

  it('does not come back after /quit', async function () {
    const { input, waits, done } = await loggedIn('gina');
    input.write('/quit\r');
    expect((await done).code).to.equal(0);
    expect(waits.asked).to.deep.equal([]);
  });

  it('does not come back after an operator disconnected it', async function () {
    const { shows, waits, done } = await loggedIn('frank');
    const operator = await ctx.server.login('opx');
    operator.write('/kick frank');
    await shows('you were disconnected by opx (operator)');
    expect((await done).code).to.equal(0);
    expect(waits.asked).to.deep.equal([]);
  });
});
