import { expect } from 'chai';
import type { ServerConfig } from '../../lib/config.js';
import { httpRequest } from '../helpers/http-request.js';
import type { LineClient } from '../helpers/line-client.js';
import { onRedis, redisSuiteTitle } from '../helpers/redis-server.js';
import { useRedisCluster, type TestCluster } from '../helpers/test-cluster.js';
import { TestServer } from '../helpers/test-server.js';
import { rejection } from '../store/contract-helpers.js';

/** The notice every online user gets once their server finds the store lost its data. */
const LOST_NOTICE = /^-- the chat's storage lost its data/;
const HTTP = { http: { port: 0, host: '127.0.0.1' } } satisfies Partial<ServerConfig>;

/** The message lines (not errors or notices) that carry `text`. */
function messagesWith(client: LineClient, text: string): string[] {
  return client.lines().filter((line) => line.startsWith('[') && line.includes(text));
}

/** Waits until the client has been told, before or after anything else, that the store lost its data. */
async function toldOfTheLoss(client: LineClient): Promise<void> {
  await client.until(() => client.lines().some((line) => LOST_NOTICE.test(line)), 'waiting to be told of the loss', 8000);
}

function healthz(server: TestServer): Promise<{ status: number; body: string }> {
  const address = server.running.httpAddress;
  if (!address) throw new Error('no HTTP endpoint');
  return httpRequest(address.port, '/healthz');
}

describe(redisSuiteTitle('several servers over one Redis: a Redis that loses its data'), function () {
  this.timeout(20_000);
  const { start, redis } = useRedisCluster();

  function redisUrl(chat: TestCluster): string {
    if (chat.config.redisUrl === undefined || chat.config.redisUrl === null) throw new Error('no Redis URL');
    return chat.config.redisUrl;
  }

  it('tells the sender and everyone online when Redis is flushed under a running cluster, instead of dropping messages silently', async () => {
    const chat = await start(2, HTTP);
    const alice = await chat.server(0).login('alice');
    const bob = await chat.server(1).login('bob');
    alice.write('before the flush');
    await bob.waitFor(/<alice> before the flush$/);
    await onRedis(redisUrl(chat), (client) => client.flushall());

    alice.write('after the flush');
    expect(await alice.waitFor(/^ERROR /)).to.match(/^ERROR STORE_RESET: /);
    for (const client of [alice, bob]) await toldOfTheLoss(client);
    bob.write('bob too');
    expect(await bob.waitFor(/^ERROR /)).to.match(/^ERROR STORE_RESET: /);
    for (const client of [alice, bob]) {
      expect(messagesWith(client, 'after the flush'), 'delivered from the emptied store').to.deep.equal([]);
      expect(client.lines().filter((line) => LOST_NOTICE.test(line)), 'told once').to.have.lengthOf(1);
    }
    for (const server of chat.servers) {
      const answer = await healthz(server);
      expect(answer.status).to.equal(503);
      expect(answer.body).to.match(/lost/);
    }
  });

  it('refuses logins and registrations once Redis lost its data, rather than registering a known nick afresh', async () => {
    const chat = await start(1);
    (await chat.server(0).login('carol', 'secret')).close();
    await onRedis(redisUrl(chat), (client) => client.flushall());

    const impostor = await chat.server(0).connect();
    impostor.write('/login carol guessed');
    expect(await impostor.waitFor(/^ERROR /)).to.match(/^ERROR STORE_RESET: /);
    const newcomer = await chat.server(0).connect();
    newcomer.write('/login dan pw');
    expect(await newcomer.waitFor(/^ERROR /)).to.match(/^ERROR STORE_RESET: /);
    const prefix = chat.config.redisKeyPrefix ?? '';
    expect(await onRedis(redisUrl(chat), (client) => client.exists(`${prefix}user:carol`, `${prefix}user:dan`, `${prefix}users`))).to.equal(0);
  });

  it('notices a Redis that restarted without its data before anyone sends, and says so on /healthz', async () => {
    const chat = await start(2, HTTP);
    const erin = await chat.server(0).login('erin');
    const finn = await chat.server(1).login('finn');
    expect((await healthz(chat.server(0))).status).to.equal(200);
    await redis().restart();
    for (const client of [erin, finn]) await toldOfTheLoss(client);
    for (const server of chat.servers) expect((await healthz(server)).status).to.equal(503);
    erin.write('hello?');
    expect(await erin.waitFor(/^ERROR /)).to.match(/^ERROR STORE_RESET: /);
  });

  it('hides no new message behind the old high-water mark when Redis loses its latest writes', async () => {
    const chat = await start(2);
    const gina = await chat.server(0).login('gina');
    const hugo = await chat.server(1).login('hugo');
    for (const text of ['one', 'two', 'three']) gina.write(text);
    await hugo.waitFor(/<gina> three$/);
    // As a Redis that restarts from an append-only file a second behind: the id counter goes back.
    await onRedis(redisUrl(chat), (client) => client.set(`${chat.config.redisKeyPrefix ?? ''}last-message-id`, '1'));
    hugo.write('after the rollback');
    expect(await hugo.waitFor(/^ERROR /)).to.match(/^ERROR STORE_RESET: /);
    expect(messagesWith(gina, 'after the rollback')).to.deep.equal([]);
  });

  it('refuses to start a server on a store that lost its data, naming --redis-accept-reset, and starts with it', async () => {
    const chat = await start(1);
    (await chat.server(0).login('ivan')).close();
    await chat.server(0).stop(false);
    await onRedis(redisUrl(chat), (client) => client.flushall());

    const error = await rejection(TestServer.start(chat.config));
    expect(error.message).to.match(/lost its data/).and.match(/--redis-accept-reset/);
    /** Ivan, registering again, says or reads something on a server started with `config`, stopped afterwards. */
    async function asIvan(config: Partial<ServerConfig>, line: string): Promise<void> {
      const server = await TestServer.start(config);
      try {
        const ivan = await server.login('ivan', 'a new password');
        ivan.write(line);
        await ivan.waitFor(/<ivan> starting over$/);
      } finally {
        await server.stop(false);
      }
    }
    await asIvan({ ...chat.config, redisAcceptReset: true }, 'starting over');
    // The reset was accepted once: from now on the store is this server's again.
    await asIvan(chat.config, '/history');
  });
});
