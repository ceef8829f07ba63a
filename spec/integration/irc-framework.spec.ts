import { expect } from 'chai';
import { Client, type ConnectOptions, type MessageEvent } from 'irc-framework';
import { useTestServer } from '../helpers/test-server.js';

/** An irc-framework client, as a bot would use it: resolves once registered. */
function connect(options: Omit<ConnectOptions, 'host'>): Promise<Client> {
  const client = new Client();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${options.nick} did not register`));
    }, 4000);
    client.once('registered', () => {
      clearTimeout(timer);
      resolve(client);
    });
    client.connect({ host: '127.0.0.1', auto_reconnect: false, ping_interval: 0, ...options });
  });
}

/** The next event `name` whose payload passes `test`. */
function next<T>(client: Client, name: string, test: (event: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(name, listener);
      reject(new Error(`no ${name} event came`));
    }, 4000);
    const listener = (event: T): void => {
      if (!test(event)) return;
      clearTimeout(timer);
      client.off(name, listener);
      resolve(event);
    };
    client.on(name, listener);
  });
}

describe('a real IRC client library (irc-framework) on --irc-port', function () {
  const ctx = useTestServer({ ircPort: 0 });
  const clients: Client[] = [];
  afterEach(function () {
    for (const client of clients.splice(0)) client.quit();
  });

  async function bot(options: Omit<ConnectOptions, 'host' | 'port'>): Promise<Client> {
    const client = await connect({ port: ctx.server.ircPort, ...options });
    clients.push(client);
    return client;
  }

  it('logs in with SASL, negotiates its capabilities and chats with a telnet user in a room and privately', async function () {
    (await ctx.server.login('robot', 'robot-pw')).close();
    const robot = await bot({ nick: 'robot', account: { account: 'robot', password: 'robot-pw' } });
    expect(robot.network.cap.enabled).to.include.members(['sasl', 'server-time', 'message-tags', 'account-tag']);
    const telnet = await ctx.server.login('alice');
    robot.join('#dev');
    await next(robot, 'userlist', (e: { channel: string }) => e.channel === '#dev');
    telnet.write('/chats dev');
    await telnet.waitFor(/now talking in #dev/);
    telnet.write('hello robot');
    const said = await next<MessageEvent>(robot, 'message', (e) => e.target === '#dev');
    expect(said).to.include({ type: 'privmsg', nick: 'alice', message: 'hello robot' });
    expect(said.tags.account).to.equal('alice');
    expect(said.tags.msgid).to.match(/^[0-9a-z]{7}$/);
    robot.say('#dev', 'beep');
    await telnet.waitFor(/<robot> beep$/);
    robot.say('alice', 'boop');
    await telnet.waitFor(/<robot -> alice> boop$/);
    telnet.write('/send robot thanks');
    const reply = await next<MessageEvent>(robot, 'message', (e) => e.target === 'robot');
    expect(reply).to.include({ nick: 'alice', message: 'thanks' });
  });

  it('registers a guest, and sees an IRC user and a telnet user of one account as one nick', async function () {
    const guest = await bot({ nick: 'visitor', account: {} });
    const telnet = await ctx.server.login('carol', 'carol-pw');
    const irc = await bot({ nick: 'carol', account: { account: 'carol', password: 'carol-pw' }, enable_echomessage: true });
    const seen = next<MessageEvent>(guest, 'message', (e) => e.nick === 'carol' && e.message === 'from irc');
    irc.say('#general', 'from irc');
    expect((await seen).target).to.equal('#general');
    await telnet.waitFor(/<carol> from irc$/);
    const echo = next<MessageEvent>(irc, 'message', (e) => e.message === 'from telnet');
    telnet.write('from telnet');
    expect((await echo).nick).to.equal('carol');
  });
});
