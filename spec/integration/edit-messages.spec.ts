import { expect } from 'chai';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { said } from '../helpers/said.js';
import { ANYONE_MAY_REPORT, TestServer } from '../helpers/test-server.js';

const NOON = new Date(2026, 10, 23, 12, 0, 0).getTime();

describe('/edit', function () {
  let clock: FakeClock;
  let server: TestServer;

  async function start(overrides: Parameters<typeof TestServer.start>[0] = {}): Promise<void> {
    clock = fakeClock(NOON);
    server = await TestServer.start({ ...ANYONE_MAY_REPORT, ...overrides }, { clock });
  }

  afterEach(async function () {
    await server.stop();
  });

  it('shows the new text, marked (edited), to everyone online, in history and threads, and in the catch-up of those away', async function () {
    await start();
    (await server.login('carol')).close();
    const alice = await server.login('alice');
    const bob = await server.login('bob');
    const id = await said(alice, 'helo all');
    bob.write(`/comment ${id} hi`);
    await alice.waitFor(/<bob> \(re .*\) hi$/);
    await clock.advance(60_000);
    alice.write(`/edit ${id} hello all`);
    const edited = new RegExp(`^\\[12:00\\] #general \\[${id}\\] <alice> \\(edited\\) hello all$`);
    await alice.waitFor(edited);
    await bob.waitFor(edited);
    bob.write('/history 2');
    await bob.waitFor(edited);
    bob.write(`/thread ${id}`);
    await bob.waitFor(/^-- thread of/);
    await bob.waitFor(edited);
    const carol = await server.login('carol');
    expect(carol.lines()).to.include(`[12:00] #general [${id}] <alice> (edited) hello all`);
    expect(carol.lines()).to.include(`[12:00] #general [${/\[(\w+)\] <bob>/.exec(carol.all)?.[1] ?? ''}] <bob> (re [${id}] alice: "hello all") hi`);
    expect(carol.all).not.to.contain('helo all');
  });

  it('keeps a /me an action and a private message between its two', async function () {
    await start();
    const alice = await server.login('alice');
    const bob = await server.login('bob');
    const carol = await server.login('carol');
    alice.write('/me wavs');
    const action = /\[([0-9a-z]{7})\] \* alice wavs$/.exec(await bob.waitFor(/wavs$/))?.[1] ?? '';
    alice.write(`/edit ${action} waves`);
    await bob.waitFor(new RegExp(`\\[${action}\\] \\* alice \\(edited\\) waves$`));
    alice.write('/send bob tommorow');
    const direct = /\[([0-9a-z]{7})\] <alice -> bob>/.exec(await bob.waitFor(/tommorow$/))?.[1] ?? '';
    alice.write(`/edit ${direct} tomorrow`);
    await bob.waitFor(new RegExp(`\\(private\\) \\[${direct}\\] <alice -> bob> \\(edited\\) tomorrow$`));
    await alice.waitFor(/\(edited\) tomorrow$/);
    carol.write('marker');
    await carol.waitFor(/<carol> marker$/);
    expect(carol.all).not.to.contain('tomorrow');
  });

  it("lets only the author edit, within --edit-window, and never a message that expired", async function () {
    await start({ editWindowMs: 15 * 60_000, messageTtlMs: 20 * 60_000 });
    const alice = await server.login('alice');
    const bob = await server.login('bob');
    const id = await said(alice, 'mine');
    bob.write(`/edit ${id} yours`);
    expect(await bob.waitFor(/^ERROR/)).to.equal(`ERROR NOT_YOUR_MESSAGE: [${id}] is not yours: only its author can edit it.`);
    await clock.advance(15 * 60_000);
    alice.write(`/edit ${id} still mine`);
    await bob.waitFor(/\(edited\) still mine$/);
    await clock.advance(1);
    alice.write(`/edit ${id} too late`);
    expect(await alice.waitFor(/^ERROR/)).to.equal(
      `ERROR EDIT_WINDOW_PASSED: [${id}] was sent more than 15 minutes ago: messages can be edited for 15 minutes after sending. /delete ${id} removes it.`,
    );
    await clock.advance(5 * 60_000);
    alice.write(`/edit ${id} gone`);
    await alice.waitFor(/^ERROR NO_SUCH_MESSAGE/);
    expect(bob.all).not.to.contain('too late');
  });

  it('is off with --edit-window 0', async function () {
    await start({ editWindowMs: 0 });
    const alice = await server.login('alice');
    const id = await said(alice, 'fixed');
    alice.write(`/edit ${id} changed`);
    await alice.waitFor(/^ERROR EDIT_WINDOW_PASSED: Editing messages is turned off on this server\./);
  });

  it('refuses a banned or muted user, and counts edits in the #general rate limit', async function () {
    await start({ banThreshold: 1, rateLimit: 2, admins: ['op'] });
    const alice = await server.login('alice');
    const bob = await server.login('bob');
    const op = await server.login('op');
    const id = await said(alice, 'one');
    alice.write(`/edit ${id} two`);
    await alice.waitFor(/\(edited\) two$/);
    alice.write(`/edit ${id} three`);
    await alice.waitFor(/^ERROR RATE_LIMITED: You can send 2 messages per 1 hour to #general/);
    const other = await said(bob, 'bob here');
    op.write('/mute bob 10m');
    await op.waitFor(/^-- muted bob/);
    bob.write(`/edit ${other} bob was here`);
    await bob.waitFor(/^ERROR MUTED/);
    op.write('/unmute bob');
    await op.waitFor(/^-- /);
    alice.write('/ban bob');
    await bob.waitFor(/^-- someone reported you/);
    bob.write(`/edit ${other} bob was here`);
    await bob.waitFor(/^ERROR BANNED/);
    expect(alice.all).not.to.contain('bob was here');
  });
});
