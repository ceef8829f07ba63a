import { expect } from 'chai';
import { ircParts, ircSend } from '../helpers/irc-client.js';
import { useTestServer } from '../helpers/test-server.js';

describe('IRC verbs on rooms and users', function () {
  const ctx = useTestServer({ ircPort: 0, admins: ['root'] });

  it('lets the owner of a private room INVITE (341) and KICK over IRC; the member sees the KICK and the room is gone for them', async function () {
    const owner = await ctx.server.irc('alice', { pass: 'alice-pw' });
    const member = await ctx.server.login('bob');
    ircSend(owner, 'PRIVMSG *server* :chats secret --private');
    await owner.waitFor(/:alice!alice@chat-line JOIN #secret$/);
    ircSend(owner, 'MODE #secret');
    expect(ircParts(await owner.waitFor(/ 324 /)).params).to.deep.equal(['alice', '#secret', '+i']);
    ircSend(owner, 'INVITE bob #secret');
    expect(ircParts(await owner.waitFor(/ 341 /)).params).to.deep.equal(['alice', 'bob', '#secret']);
    member.write('/chats secret');
    await owner.waitFor(/:bob!bob@chat-line JOIN #secret$/);
    ircSend(owner, 'INVITE bob #secret');
    expect(ircParts(await owner.waitFor(/ 443 /)).params.slice(1, 3)).to.deep.equal(['bob', '#secret']);
    ircSend(owner, 'KICK #secret bob :bye');
    expect(await owner.waitFor(/ KICK #secret bob /)).to.equal(':alice!alice@chat-line KICK #secret bob :removed by alice');
    await member.waitFor(/^-- bob was removed from #secret by alice/);
    member.write('/chats secret');
    await member.waitFor(/^ERROR NO_SUCH_ROOM/);
  });

  it('sends the invitee an INVITE, members with invite-notify one too, and nothing to someone who ignores the owner', async function () {
    const owner = await ctx.server.login('alice');
    owner.write('/chats secret --private');
    await owner.waitFor(/now talking in #secret/);
    const watcher = await ctx.server.irc('carol', { pass: 'carol-pw', caps: ['invite-notify'] });
    const quiet = await ctx.server.irc('dave', { pass: 'dave-pw' });
    for (const [client, nick] of [[watcher, 'carol'], [quiet, 'dave']] as const) {
      owner.write(`/invite secret ${nick}`);
      await client.waitFor(/ INVITE /);
      ircSend(client, 'JOIN #secret');
      await client.waitFor(new RegExp(` 366 ${nick} #secret `));
    }
    const invitee = await ctx.server.irc('bob', { pass: 'bob-pw' });
    owner.write('/invite secret bob');
    expect(await invitee.waitFor(/ INVITE /)).to.equal(':alice!alice@chat-line INVITE bob :#secret');
    expect(await watcher.waitFor(/ INVITE bob /)).to.equal(':alice!alice@chat-line INVITE bob :#secret');
    const ignorer = await ctx.server.irc('erin', { pass: 'erin-pw' });
    ircSend(ignorer, 'PRIVMSG *server* :ignore alice');
    await ignorer.waitFor(/NOTICE erin :/);
    owner.write('/invite secret erin');
    await owner.waitFor(/^-- invited erin/);
    owner.write('marker');
    await quiet.waitFor(/:marker$/);
    expect(quiet.all).not.to.contain('INVITE bob');
    ircSend(ignorer, 'PING :end');
    await ignorer.waitFor(/ PONG /);
    expect(ignorer.all).not.to.contain('INVITE');
  });

  it('lets an operator KICK from a public room and KILL a user; others get 482 and 481', async function () {
    const op = await ctx.server.irc('root', { pass: 'root-pw' });
    const user = await ctx.server.irc('mallory', { pass: 'mallory-pw' });
    ircSend(user, 'JOIN #dev');
    await user.waitFor(/ 366 mallory #dev /);
    ircSend(op, 'JOIN #dev');
    await op.waitFor(/ 353 root = #dev :@mallory @root$/);
    ircSend(user, 'KICK #dev root');
    expect(ircParts(await user.waitFor(/ 482 /)).params[1]).to.equal('#dev');
    ircSend(op, 'KICK #dev mallory');
    await user.waitFor(/^:root!root@chat-line KICK #dev mallory :removed by root$/);
    ircSend(op, 'KILL mallory :enough');
    await user.waitFor(/^ERROR :Closing link: you were disconnected by root \(operator\)$/);
    await user.waitClosed();
    await op.waitFor(/NOTICE root :disconnected mallory \(1 session\)/);
  });

  it('answers a private message to someone away or offline with 301, and shows both in WHO as G', async function () {
    (await ctx.server.login('sleeper')).close();
    const away = await ctx.server.irc('napper', { pass: 'napper-pw' });
    ircSend(away, 'AWAY :lunch');
    await away.waitFor(/ 306 /);
    const irc = await ctx.server.irc('asker', { pass: 'asker-pw' });
    ircSend(irc, 'PRIVMSG sleeper :hello?');
    expect(ircParts(await irc.waitFor(/ 301 /)).params).to.deep.equal(['asker', 'sleeper', 'is offline: your message waits for them']);
    ircSend(irc, 'PRIVMSG napper :hello?');
    expect(ircParts(await irc.waitFor(/ 301 /)).params).to.deep.equal(['asker', 'napper', 'lunch']);
    ircSend(irc, 'WHO #general');
    await irc.waitFor(/ 315 /);
    const flags = Object.fromEntries(irc.lines().filter((l) => / 352 /.test(l)).map((l): [string, string] => [ircParts(l).params[5] ?? '', ircParts(l).params[6] ?? '']));
    expect(flags).to.include({ sleeper: 'G', napper: 'G', asker: 'H' });
  });

  it('keeps a room topic: its owner sets it over IRC or with /topic, members are told, and a JOIN shows it; others get 482', async function () {
    const owner = await ctx.server.irc('alice', { pass: 'alice-pw' });
    ircSend(owner, 'JOIN #dev');
    await owner.waitFor(/ 366 alice #dev /);
    const telnet = await ctx.server.login('bob');
    telnet.write('/chats dev');
    await owner.waitFor(/:bob!bob@chat-line JOIN #dev$/);
    ircSend(owner, 'TOPIC #dev :Release on Friday');
    expect(await owner.waitFor(/ TOPIC /)).to.equal(':alice!alice@chat-line TOPIC #dev :Release on Friday');
    await telnet.waitFor(/^-- alice set the topic of #dev: Release on Friday$/);
    telnet.write('/topic dev');
    await telnet.waitFor(/^-- topic of #dev: Release on Friday \(set by alice /);
    telnet.write('/topic dev mine now');
    await telnet.waitFor(/^ERROR NOT_ROOM_OWNER: Only the owner of #dev, alice, can do that\./);
    ircSend(owner, 'TOPIC #dev');
    expect(ircParts(await owner.waitFor(/ 332 /)).params).to.deep.equal(['alice', '#dev', 'Release on Friday']);
    expect(ircParts(await owner.waitFor(/ 333 /)).params.slice(1, 3)).to.deep.equal(['#dev', 'alice']);
    const late = await ctx.server.irc('carol', { pass: 'carol-pw' });
    ircSend(late, 'JOIN #dev');
    expect(ircParts(await late.waitFor(/ 332 /)).params).to.deep.equal(['carol', '#dev', 'Release on Friday']);
    ircSend(late, 'TOPIC #dev :hijacked');
    expect(ircParts(await late.waitFor(/ 482 /)).params[1]).to.equal('#dev');
    ircSend(owner, 'TOPIC #dev :');
    expect(await owner.waitFor(/ TOPIC /)).to.equal(':alice!alice@chat-line TOPIC #dev :');
    await telnet.waitFor(/^-- alice cleared the topic of #dev$/);
    ircSend(owner, 'TOPIC #dev :kept across restarts');
    await owner.waitFor(/ TOPIC #dev :kept across restarts$/);
    await ctx.server.restart();
    const again = await ctx.server.irc('dave', { pass: 'dave-pw' });
    ircSend(again, 'TOPIC #dev');
    expect(ircParts(await again.waitFor(/ 332 /)).params).to.deep.equal(['dave', '#dev', 'kept across restarts']);
  });

  it('tells clients with away-notify, and only them, when someone in a shared room goes away or comes back', async function () {
    const telnet = await ctx.server.login('wanderer');
    const notified = await ctx.server.irc('watcher', { pass: 'watcher-pw', caps: ['away-notify'] });
    const plain = await ctx.server.irc('other', { pass: 'other-pw' });
    const another = await ctx.server.login('another');
    telnet.write('/away gone fishing');
    expect(await notified.waitFor(/ AWAY /)).to.equal(':wanderer!wanderer@chat-line AWAY :gone fishing');
    telnet.write('/back');
    expect(await notified.waitFor(/ AWAY/)).to.equal(':wanderer!wanderer@chat-line AWAY');
    telnet.write('marker');
    await plain.waitFor(/:marker$/);
    await another.waitFor(/<wanderer> marker$/);
    expect(plain.all).not.to.match(/ AWAY( :|\r\n)/);
    expect(another.all).not.to.contain('fishing');
  });

  it('cuts a long telnet message into several lines within 512 bytes, the id on the first', async function () {
    const telnet = await ctx.server.login('writer');
    const irc = await ctx.server.irc('reader', { pass: 'reader-pw', caps: ['message-tags'] });
    const words = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    telnet.write(words);
    await irc.waitFor(/ word299$/);
    const pieces = irc.lines().filter((l) => l.includes('PRIVMSG #general :'));
    expect(pieces.length).to.be.greaterThan(4);
    for (const piece of pieces) expect(Buffer.byteLength(piece.replace(/^@\S+ /, '')) + 2).to.be.at.most(512);
    expect(pieces.map((l) => ircParts(l).params[1]).join(' ')).to.equal(words);
    expect(pieces.filter((l) => /(^@|;)msgid=/.test(l))).to.have.length(1);
  });

  it('labels replies (labeled-response): one reply carries the label, several come in a batch, a message its echo', async function () {
    const irc = await ctx.server.irc('labeler', { pass: 'labeler-pw', caps: ['labeled-response', 'batch', 'echo-message'] });
    ircSend(irc, '@label=one PING :x');
    expect(await irc.waitFor(/PONG/)).to.match(/^@label=one :chat-line PONG chat-line :x$/);
    ircSend(irc, '@label=many WHOIS labeler');
    const start = ircParts(await irc.waitFor(/ BATCH \+/));
    expect(start.tags).to.equal('label=many');
    expect(start.params[1]).to.equal('labeled-response');
    await irc.waitFor(new RegExp(`^@batch=${start.params[0]?.slice(1) ?? '?'} :chat-line 318 `));
    await irc.waitFor(/ BATCH -/);
    ircSend(irc, '@label=said PRIVMSG #general :labelled');
    expect(await irc.waitFor(/PRIVMSG #general :labelled$/)).to.match(/^@label=said :labeler!labeler@chat-line PRIVMSG/);
    ircSend(irc, '@label=quiet PONG :x');
    expect(await irc.waitFor(/ ACK$/)).to.equal('@label=quiet :chat-line ACK');
  });

  it('marks a comment with +draft/reply naming the message it answers', async function () {
    const telnet = await ctx.server.login('writer');
    const irc = await ctx.server.irc('reader', { pass: 'reader-pw', caps: ['message-tags'] });
    telnet.write('original');
    const id = /\[([0-9a-z]{7})\]/.exec(await telnet.waitFor(/<writer> original$/))?.[1] ?? '?';
    telnet.write(`/comment ${id} a reply`);
    const reply = ircParts(await irc.waitFor(/a reply$/));
    expect(reply.tags).to.contain(`+draft/reply=${id}`);
    expect(reply.params[1]).to.equal(`(re [${id}] writer: "original") a reply`);
  });
});
