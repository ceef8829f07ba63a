import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import { ChildServer } from '../helpers/child-server.js';
import { LineClient } from '../helpers/line-client.js';
import { messagesIn, steadyTraffic, wholeHistory } from '../helpers/steady-traffic.js';
import { freePort, onRedis, redisSuiteTitle, startRedisOrSkip, type RedisServer } from '../helpers/redis-server.js';
import { tempDir } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/wait-until.js';

describe(redisSuiteTitle('server processes over one Redis'), function () {
  this.timeout(40_000);
  let redis: RedisServer | undefined;
  let dataDir: string;
  let chats = 0;
  /** The key prefix of this test's chat. */
  let prefix: string;
  const children: ChildServer[] = [];
  const clients: LineClient[] = [];

  before(async function () {
    redis = await startRedisOrSkip(this);
  });
  after(async () => {
    await redis?.stop();
  });
  beforeEach(() => {
    dataDir = tempDir();
    prefix = `processes-${++chats}:`;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await Promise.all(children.splice(0).map((child) => child.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** `chat-line-server --redis ...` as an operator runs it; the servers of a test are one chat. */
  function spawnServer(...args: string[]): ChildServer {
    const child = ChildServer.spawn([
      '--redis', redis?.url ?? '', '--redis-prefix', prefix,
      '--data-dir', dataDir, '--log-level', 'info', '--flood-rate', '0', '--rate-limit', '0', '--min-password-length', '1', ...args,
    ]);
    children.push(child);
    return child;
  }

  /** What `/whois <nick>` on `client`'s server says of the user's status: `online`, `offline`... */
  async function statusOf(client: LineClient, nick: string): Promise<string> {
    client.write(`/whois ${nick}`);
    return (await client.waitFor(/^--\s+status:/)).replace(/^--\s+status:\s*/, '');
  }

  async function login(port: number, nick: string): Promise<LineClient> {
    const client = await LineClient.login(port, nick);
    clients.push(client);
    return client;
  }

  it('loses no message anyone saw when one server is killed mid-traffic, its users go offline on the other within 10 s, and catch up there', async () => {
    const doomed = spawnServer('--port', '0');
    const survivor = spawnServer('--port', '0');
    const [doomedPort, survivorPort] = await Promise.all([doomed.port(), survivor.port()]);
    const ann = await login(doomedPort, 'ann');
    const ben = await login(survivorPort, 'ben');
    const watchers = [await login(doomedPort, 'watcher1'), await login(survivorPort, 'watcher2')];
    let killed = false;
    const traffic = steadyTraffic([ann, ben], () => killed);
    await delay(1200);
    expect(await statusOf(watchers[1] ?? ben, 'ann'), 'ann on the survivor before the kill').to.match(/^online/);
    const killedAt = Date.now();
    doomed.kill('SIGKILL');
    killed = true;
    expect(await doomed.exited()).to.deep.equal({ code: null, signal: 'SIGKILL' });
    await traffic;
    // The survivor hears nothing more from it: its users must not look online for long.
    let offlineAfter = Infinity;
    while (Date.now() - killedAt < 15_000) {
      if ((await statusOf(watchers[1] ?? ben, 'ann')) === 'offline') {
        offlineAfter = Date.now() - killedAt;
        break;
      }
      await delay(250);
    }
    expect(offlineAfter, 'ms until ann, on the killed server, shows offline on the survivor').to.be.at.most(10_000);
    ben.write('after the crash');
    await watchers[1]?.waitFor(/after the crash/);

    const seen = new Set(messagesIn([ann, ben, ...watchers].flatMap((client) => client.lines())));
    expect(seen.size, 'messages seen before the kill').to.be.above(30);
    const history = await wholeHistory(await login(survivorPort, 'reader'));
    expect([...seen].filter((message) => !history.includes(message)), 'seen but lost').to.deep.equal([]);

    const back = await login(survivorPort, 'ann');
    expect(back.lines().filter((line) => line.endsWith('<ben> after the crash')), 'in ann\'s catch-up').to.have.lengthOf(1);
  });

  it('runs several worker processes on one port with --workers, and they are one chat', async () => {
    const port = await freePort();
    const primary = spawnServer('--port', String(port), '--workers', '2');
    await primary.logged(/server\.listening/, 2);
    // The primary hands connections to the workers in turn: four logins reach both.
    const users = await Promise.all(['u1', 'u2', 'u3', 'u4'].map((nick) => login(port, nick)));
    users[0]?.write('hello, workers');
    for (const user of users.slice(1)) await user.waitFor(/<u1> hello, workers$/);
    users[3]?.write('/status');
    await users[3]?.waitFor(/^-- connected: 4 users in 4 sessions/);
    // A worker that dies is started again.
    const worker = Number(/worker\.started pid=(\d+)/.exec(primary.stderr)?.[1]);
    process.kill(worker, 'SIGKILL');
    await primary.logged(/worker\.died .*signal=SIGKILL/);
    await primary.logged(/server\.listening/, 3);
    const late = await login(port, 'u5');
    late.write('still one chat');
    const alive = users.filter((user) => !user.closed);
    expect(alive.length, 'users on the worker that lived').to.be.within(1, 3);
    for (const user of alive) await user.waitFor(/<u5> still one chat$/);
    primary.kill('SIGTERM');
    expect(await primary.exited()).to.deep.equal({ code: 0, signal: null });
    expect(primary.stderr.match(/server\.closed/g), 'graceful shutdowns').to.have.lengthOf(2);
  });

  it('with --workers and --log-file, all processes log to the one file and start a new one when the first is sent SIGHUP', async () => {
    const log = path.join(dataDir, 'chat-line.log');
    const read = (file: string): string => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
    const primary = spawnServer('--port', String(await freePort()), '--workers', '2', '--log-file', log);
    await waitUntil(() => (read(log).match(/server\.listening/g) ?? []).length === 2, 20_000, 'both workers to listen');
    fs.renameSync(log, `${log}.1`);
    primary.kill('SIGHUP');
    // The primary's own line and each worker's: three processes went on in the new file.
    await waitUntil(() => (read(log).match(/log\.reopened/g) ?? []).length === 3, 10_000, 'three reopened logs');
    primary.kill('SIGTERM');
    expect(await primary.exited()).to.deep.equal({ code: 0, signal: null });
    expect(read(log).match(/server\.closed/g), 'graceful shutdowns, in the new file').to.have.lengthOf(2);
    expect(read(`${log}.1`)).not.to.match(/log\.reopened|server\.closed/);
  });

  it('warns of a Redis without persistence; after it lost its data, refuses to start in one line naming --redis-accept-reset, and starts with it', async () => {
    const first = spawnServer('--port', '0');
    const jo = await login(await first.port(), 'jo');
    expect(first.stderr).to.match(/WARN {2}redis\.persistence_off .*appendonly=no/);
    jo.write('before the loss');
    await jo.waitFor(/<jo> before the loss$/);
    first.kill('SIGTERM');
    expect(await first.exited()).to.deep.equal({ code: 0, signal: null });
    await onRedis(redis?.url ?? '', (client) => client.flushall());

    const refused = spawnServer('--port', '0');
    expect(await refused.exited()).to.deep.equal({ code: 1, signal: null });
    const refusal = refused.stderr.split('\n').filter((line) => line.startsWith('chat-line-server:'));
    expect(refusal).to.have.lengthOf(1);
    expect(refusal[0]).to.match(/^chat-line-server: cannot start: Redis at .* has lost its data: .*--redis-accept-reset/);

    const accepted = spawnServer('--port', '0', '--redis-accept-reset');
    const again = await login(await accepted.port(), 'jo');
    again.write('starting over');
    await again.waitFor(/<jo> starting over$/);
    expect(accepted.stderr).to.match(/WARN {2}store\.reset_accepted /);
  });

  it('refuses --workers without --redis, saying what to add', async () => {
    const child = ChildServer.spawn(['--workers', '2', '--data-dir', dataDir]);
    children.push(child);
    expect(await child.exited()).to.deep.equal({ code: 2, signal: null });
    expect(child.stderr).to.match(/--workers 2 needs --redis <url>/);
  });
});
