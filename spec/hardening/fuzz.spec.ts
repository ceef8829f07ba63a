import { expect } from 'chai';
import fc from 'fast-check';
import { TELNET } from '../../lib/protocol/line/telnet-codes.js';
import { hostileBytes } from '../helpers/arbitraries.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { RecordingLogger } from '../helpers/recording-logger.js';
import { TERMINAL_CONTROL, type LineClient } from '../helpers/line-client.js';
import { TestServer } from '../helpers/test-server.js';

const { IAC, SE } = TELNET;

/** Marks what alice and bob share privately; nothing generated contains it. */
const SECRET = 'ZQ7X';
/** The room only alice and bob are in; nothing generated names it. */
const VAULT = 'vault';
const OFF_LIMITS = new RegExp(`${VAULT}|${SECRET}`, 'i');

/**
 * Ends whatever the random input left half done: `IAC SE` twice gets the telnet parser
 * back to text from any state, CRLF ends the pending line (and an empty line answers a
 * password prompt), and /quit then closes the connection, logged in or not.
 */
const RESET_AND_QUIT = Buffer.concat([Buffer.from([IAC, SE, IAC, SE]), Buffer.from('\r\n\r\n/quit\r\n')]);

const nick = fc.constantFrom('alice', 'bob', 'carol', 'mallory', 'nobody', 'Alice', '@bob', '');
const room = fc.oneof(fc.constantFrom('general', '#general', 'dev', '#Dev', ''), fc.stringMatching(/^#?[a-z0-9_-]{1,10}$/));
const text = fc.string({ unit: 'binary', maxLength: 60 });
const commandLine = fc
  .oneof(
    fc.tuple(nick, text).map(([to, body]) => `/send ${to} ${body}`),
    fc.tuple(fc.constantFrom('/chats', '/leave', '/who'), room).map(([command, name]) => `${command} ${name}`),
    fc.integer({ min: -5, max: 600 }).map((count) => `/history ${count}`),
    fc.tuple(nick, fc.constantFrom('pw', 'wrong', '')).map(([who, password]) => `/login ${who} ${password}`),
    fc.constantFrom('/get_chats', '/status', '/help', '/help send', '/who', '/chats', '/nope', '/', '//x', '/msg', '/send', '/say'),
    text,
  )
  .map((line) => Buffer.from(`${line}\r\n`));
const action = fc.oneof(commandLine, hostileBytes(120)).filter((bytes) => !OFF_LIMITS.test(bytes.toString('latin1')));
const script = fc.record({
  logIn: fc.boolean(),
  actions: fc.array(action, { maxLength: 25 }),
  cuts: fc.array(fc.nat(), { maxLength: 8 }),
});

/** Writes `data` in pieces split at `cuts` (taken modulo its length). */
function writeInPieces(client: LineClient, data: Buffer, cuts: readonly number[]): void {
  const points = [...new Set(cuts.map((cut) => cut % (data.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const point of [...points, data.length]) {
    if (point > from) client.writeRaw(data.subarray(from, point));
    from = point;
  }
}

describe('random input against a live server', function () {
  this.timeout(60_000);
  // On a fake clock, so the time between runs can pass at once and login throttling
  // from earlier runs does not lock later ones out. No fakelag: that is tested elsewhere.
  const clock = fakeClock();
  const logger = new RecordingLogger();
  let server: TestServer;
  let alice: LineClient;
  let bob: LineClient;
  let carol: LineClient;

  before(async function () {
    server = await TestServer.start({ floodRate: 0 }, { clock, logger });
    // Passwords no generated line can guess.
    alice = await server.login('alice', 'alice-long-secret-9a7');
    bob = await server.login('bob', 'bob-long-secret-3c1');
    carol = await server.login('carol', 'carol-long-secret-5e2');
    for (const member of [alice, bob]) {
      member.write(`/chats ${VAULT}`);
      await member.waitFor(new RegExp(`now talking in #${VAULT}`));
    }
  });

  after(async function () {
    await server.stop();
  });

  it('never crashes, never shows a private message or a room to anyone outside it, and other sessions keep working', async function () {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(script, async ({ logIn, actions, cuts }) => {
        run++;
        const mallory = await server.connect();
        const input = Buffer.concat([...(logIn ? [Buffer.from('/login mallory pw\r\n')] : []), ...actions, RESET_AND_QUIT]);
        writeInPieces(mallory, input, cuts);
        // Meanwhile alice tells bob things, in the vault and privately.
        alice.write(`${SECRET} vault ${run}`);
        alice.write(`/send bob ${SECRET} private ${run}`);
        await mallory.waitClosed(8000);
        await bob.waitFor(new RegExp(`${SECRET} private ${run}$`));

        carol.write(`canary ${run}`);
        for (const member of [alice, bob, carol]) await member.waitFor(new RegExp(`<carol> canary ${run}$`));
        expect(mallory.all, 'mallory saw a secret').not.to.contain(SECRET);
        expect(carol.all, 'carol saw a secret').not.to.contain(SECRET);
        expect(carol.lines().filter((line) => TERMINAL_CONTROL.test(line)), 'control characters reached carol').to.deep.equal([]);
        expect(server.running.server.state).to.equal('running');
        expect(logger.entries.filter((entry) => entry.level === 'error'), 'errors logged').to.deep.equal([]);
        clock.tick(61_000);
      }),
      { numRuns: 40 },
    );
    expect(bob.all).to.contain(`${SECRET} vault ${run}`);
  });
});
