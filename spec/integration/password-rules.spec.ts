import { expect } from 'chai';
import { DEFAULT_MIN_NEW_PASSWORD } from '../../lib/auth/password.js';
import { TestServer } from '../helpers/test-server.js';

describe('the shortest password', function () {
  let server: TestServer;

  beforeEach(async function () {
    // The default rule, which the other specs turn off.
    server = await TestServer.start({ minPasswordLength: DEFAULT_MIN_NEW_PASSWORD });
  });
  afterEach(async function () {
    await server.stop();
  });

  it('is said when a new nick is to be registered, and a shorter password is asked for again, keeping the nick', async function () {
    expect(DEFAULT_MIN_NEW_PASSWORD).to.equal(8);
    const client = await server.connect();
    await client.waitFor(/^nickname: $/);
    client.write('alice');
    expect(await client.waitFor(/is a new nick/)).to.equal('-- alice is a new nick: choose a password of at least 8 characters to register it.');
    await client.waitFor(/^password: $/);
    client.write('seven77');
    expect(await client.waitFor(/^ERROR/)).to.equal('ERROR PASSWORD_TOO_SHORT: A new password needs at least 8 characters; choose a longer one.');
    await client.waitFor(/^password: $/);
    client.write('eight888');
    await client.waitFor(/^-- welcome, alice!/);
  });

  it('holds for /login of a new nick and for /password, and nothing is registered or changed', async function () {
    const bob = await server.connect();
    bob.write('/login bob short');
    await bob.waitFor(/^ERROR PASSWORD_TOO_SHORT/);
    await bob.waitFor(/^nickname: $/);
    bob.write('/login bob longer-one');
    await bob.waitFor(/^-- welcome, bob!/);
    bob.write('/password longer-one tiny');
    await bob.waitFor(/^ERROR PASSWORD_TOO_SHORT/);
    bob.write('/password longer-one another-long-one');
    await bob.waitFor(/^-- password changed/);
    (await server.login('bob', 'another-long-one')).close();
  });

  it('does not stop an account from before the rule logging in with its shorter password', async function () {
    const dataDir = server.config.dataDir;
    await server.stop(false);
    const before = await TestServer.start({ dataDir, minPasswordLength: 1 });
    (await before.login('carol', 'pw')).close();
    await before.stop(false);
    server = await TestServer.start({ dataDir, minPasswordLength: 8 });
    const carol = await server.login('carol', 'pw');
    carol.write('/whois carol');
    await carol.waitFor(/^-- carol:$/);
  });
});
