import { expect } from 'chai';
import { ircParts, ircSend } from '../helpers/irc-client.js';
import type { LineClient } from '../helpers/line-client.js';
import { useTestServer } from '../helpers/test-server.js';

const HISTORY_CAPS = ['batch', 'server-time', 'message-tags', 'draft/chathistory', 'labeled-response'];

/** The texts of the PRIVMSGs in the next chathistory batch (and its target). */
async function batch(client: LineClient): Promise<{ target: string; texts: string[]; ids: string[] }> {
  const start = ircParts(await client.waitFor(/ BATCH \+\S+ chathistory /));
  const id = start.params[0]?.slice(1) ?? '?';
  await client.waitFor(new RegExp(` BATCH -${id}$`));
  const inside = client.lines().filter((l) => l.startsWith(`@batch=${id};`) || new RegExp(`^@\\S*batch=${id}[; ]`).test(l));
  return {
    target: start.params[2] ?? '',
    texts: inside.map((l) => ircParts(l).params[1] ?? ''),
    ids: inside.map((l) => /msgid=([0-9a-z]+)/.exec(l)?.[1] ?? '?'),
  };
}

describe('IRC draft/chathistory, backed by the store', function () {
  const ctx = useTestServer({ ircPort: 0 });

  async function roomWithFive(): Promise<{ irc: LineClient; ids: string[] }> {
    const telnet = await ctx.server.login('alice');
    telnet.write('/chats dev');
    await telnet.waitFor(/now talking in #dev/);
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      telnet.write(`m${n}`);
      ids.push(/\[([0-9a-z]{7})\]/.exec(await telnet.waitFor(new RegExp(`<alice> m${n}$`)))?.[1] ?? '?');
    }
    const irc = await ctx.server.irc('bob', { pass: 'bob-pw', caps: HISTORY_CAPS });
    ircSend(irc, 'JOIN #dev');
    await irc.waitFor(/ 366 bob #dev /);
    return { irc, ids };
  }

  it('offers the capability and says what it takes in ISUPPORT', async function () {
    const irc = await ctx.server.irc('bob', { pass: 'bob-pw', caps: HISTORY_CAPS });
    expect(irc.all).to.contain('CHATHISTORY=100');
    expect(irc.all).to.contain('MSGREFTYPES=msgid');
  });

  it('pages a channel with LATEST, BEFORE, AFTER, AROUND and BETWEEN, by the ids telnet users see', async function () {
    const { irc, ids } = await roomWithFive();
    const [m1, m2, m3, , m5] = ids;
    ircSend(irc, 'CHATHISTORY LATEST #dev * 3');
    expect(await batch(irc)).to.deep.equal({ target: '#dev', texts: ['m3', 'm4', 'm5'], ids: ids.slice(2) });
    ircSend(irc, `CHATHISTORY BEFORE #dev msgid=${m3} 10`);
    expect((await batch(irc)).texts).to.deep.equal(['m1', 'm2']);
    ircSend(irc, `CHATHISTORY AFTER #dev msgid=${m1} 2`);
    expect((await batch(irc)).texts).to.deep.equal(['m2', 'm3']);
    ircSend(irc, `CHATHISTORY AROUND #dev msgid=${m3} 3`);
    expect((await batch(irc)).texts).to.deep.equal(['m2', 'm3', 'm4']);
    ircSend(irc, `CHATHISTORY BETWEEN #dev msgid=${m1} msgid=${m5} 2`);
    expect((await batch(irc)).texts).to.deep.equal(['m2', 'm3']);
    ircSend(irc, `CHATHISTORY BETWEEN #dev msgid=${m5} msgid=${m2} 10`);
    expect((await batch(irc)).texts).to.deep.equal(['m3', 'm4']);
    ircSend(irc, `@label=h1 CHATHISTORY LATEST #dev msgid=${m2} 10`);
    expect(await irc.waitFor(/ BATCH \+/)).to.match(/^@label=h1 :chat-line BATCH \+\S+ chathistory #dev$/);
  });

  it('pages a private conversation, and refuses channels the client is not in and refs it cannot read', async function () {
    const telnet = await ctx.server.login('alice');
    const irc = await ctx.server.irc('bob', { pass: 'bob-pw', caps: HISTORY_CAPS });
    telnet.write('/send bob one');
    await irc.waitFor(/PRIVMSG bob :one$/);
    ircSend(irc, 'PRIVMSG alice :two');
    await telnet.waitFor(/<bob -> alice> two$/);
    (await ctx.server.login('carol')).write('/send alice not for bob');
    ircSend(irc, 'CHATHISTORY LATEST alice * 10');
    expect(await batch(irc)).to.include({ target: 'alice' }).and.to.have.property('texts').that.deep.equals(['one', 'two']);
    ircSend(irc, 'CHATHISTORY LATEST #nowhere * 10');
    expect(ircParts(await irc.waitFor(/ FAIL CHATHISTORY /)).params.slice(1, 3)).to.deep.equal(['INVALID_TARGET', 'LATEST']);
    ircSend(irc, 'CHATHISTORY BEFORE #general timestamp=2026-01-01T00:00:00.000Z 10');
    expect(ircParts(await irc.waitFor(/ FAIL CHATHISTORY /)).params[1]).to.equal('INVALID_PARAMS');
    ircSend(irc, 'CHATHISTORY TARGETS timestamp=a timestamp=b 10');
    expect(ircParts(await irc.waitFor(/ FAIL CHATHISTORY /)).params[1]).to.equal('INVALID_PARAMS');
  });

  it('hides a private room from a non-member as if it did not exist', async function () {
    const owner = await ctx.server.login('alice');
    owner.write('/chats secret --private');
    await owner.waitFor(/now talking in #secret/);
    owner.write('hidden words');
    await owner.waitFor(/hidden words$/);
    const irc = await ctx.server.irc('bob', { pass: 'bob-pw', caps: HISTORY_CAPS });
    ircSend(irc, 'CHATHISTORY LATEST #secret * 10');
    expect(await irc.waitFor(/ FAIL CHATHISTORY /)).to.contain('There is no room #secret that you can see');
    expect(irc.all).not.to.contain('hidden words');
  });

  it("replays a room's last messages on JOIN, as /chats shows them, unless the client fetches history itself", async function () {
    const telnet = await ctx.server.login('alice');
    telnet.write('/chats dev');
    await telnet.waitFor(/now talking in #dev/);
    telnet.write('earlier words');
    await telnet.waitFor(/<alice> earlier words$/);
    const plain = await ctx.server.irc('bob', { pass: 'bob-pw' });
    ircSend(plain, 'JOIN #dev');
    expect(await plain.waitFor(/earlier words$/)).to.match(/^:alice!alice@chat-line PRIVMSG #dev :\[\d\d:\d\d\] earlier words$/);
    const timed = await ctx.server.irc('carol', { pass: 'carol-pw', caps: ['server-time'] });
    ircSend(timed, 'JOIN #dev');
    expect(await timed.waitFor(/earlier words$/)).to.match(/^@time=\S+ :alice!alice@chat-line PRIVMSG #dev :earlier words$/);
    const modern = await ctx.server.irc('dave', { pass: 'dave-pw', caps: HISTORY_CAPS });
    ircSend(modern, 'JOIN #dev');
    await modern.waitFor(/ 366 dave #dev /);
    ircSend(modern, 'PING :after');
    await modern.waitFor(/ PONG /);
    expect(modern.all).not.to.contain('earlier words');
  });

  it('replays the unread catch-up as one chathistory batch per conversation for a client that asked', async function () {
    (await ctx.server.irc('bob', { pass: 'bob-pw' })).close();
    const telnet = await ctx.server.login('alice');
    telnet.write('in general');
    telnet.write('/send bob in private');
    await telnet.waitFor(/<alice -> bob> in private$/);
    const irc = await ctx.server.irc('bob', { pass: 'bob-pw', caps: HISTORY_CAPS });
    const batches = [...irc.all.matchAll(/ BATCH \+\S+ chathistory (\S+)/g)].map((m) => m[1]);
    expect(batches).to.deep.equal(['#general', 'alice']);
    expect(irc.all).to.match(/@batch=\S+;time=\S+;msgid=[0-9a-z]{7} :alice!alice@chat-line PRIVMSG bob :in private/);
  });
});
