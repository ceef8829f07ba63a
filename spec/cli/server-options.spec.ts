import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import yargs from 'yargs';
import { defineServerOptions, toServerConfig } from '../../lib/cli/server-options.js';
import { tempDir } from '../helpers/test-server.js';

/** What the server would run with, given these command-line words (and no environment). */
async function configFor(...words: string[]): Promise<ReturnType<typeof toServerConfig>> {
  const argv = await defineServerOptions(yargs(words))
    .strict()
    .fail((message: string | null) => {
      throw new Error(String(message));
    })
    .parse();
  return toServerConfig(argv);
}

describe('the operator, MOTD, TLS and HTTP flags of chat-line-server', function () {
  let dir: string;

  beforeEach(function () {
    dir = tempDir();
  });

  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes --admin more than once, and refuses one that is not a nick', async function () {
    expect((await configFor('--admin', 'alice', '--admin', 'bob')).admins).to.deep.equal(['alice', 'bob']);
    expect((await configFor()).admins).to.deep.equal([]);
    await expectRefusal(configFor('--admin', 'not a nick'), /^--admin must be a nick/);
  });

  it('reads the same keys from a --config file, with flags on the command line winning', async function () {
    const file = path.join(dir, 'chat-line.json');
    fs.writeFileSync(file, JSON.stringify({ admin: ['alice'], motd: 'Be nice', 'http-port': 8080 }));
    const config = await configFor('--config', file, '--http-port', '9090');
    expect(config.admins).to.deep.equal(['alice']);
    expect(config.motd).to.equal('Be nice');
    expect(config.http).to.deep.equal({ port: 9090, host: '127.0.0.1' });
  });

  it('reads --motd-file at start, line by line, with control characters removed', async function () {
    const file = path.join(dir, 'motd.txt');
    fs.writeFileSync(file, 'Welcome!\r\n\x1b[31mBe nice\n\n');
    expect((await configFor('--motd-file', file)).motd).to.equal('Welcome!\nBe nice');
    await expectRefusal(configFor('--motd-file', path.join(dir, 'missing.txt')), /^cannot read --motd-file .*missing\.txt/);
    await expectRefusal(configFor('--motd', 'a', '--motd-file', file), /--motd or --motd-file, not both/);
  });

  it('wants --tls-port, --tls-cert and --tls-key together', async function () {
    expect((await configFor()).tls).to.equal(null);
    const tls = (await configFor('--tls-port', '6697', '--tls-cert', 'c.pem', '--tls-key', 'k.pem')).tls;
    expect(tls).to.deep.equal({ port: 6697, certFile: path.resolve('c.pem'), keyFile: path.resolve('k.pem') });
    await expectRefusal(configFor('--tls-port', '6697'), /go together/);
    await expectRefusal(configFor('--tls-port', '70000', '--tls-cert', 'c', '--tls-key', 'k'), /^--tls-port must be a whole number/);
  });

  it('has no HTTP endpoint unless --http-port is given, and binds it to 127.0.0.1 unless told otherwise', async function () {
    expect((await configFor()).http).to.equal(null);
    expect((await configFor('--http-port', '0')).http).to.deep.equal({ port: 0, host: '127.0.0.1' });
    expect((await configFor('--http-port', '8080', '--http-host', '0.0.0.0')).http).to.deep.equal({ port: 8080, host: '0.0.0.0' });
  });
});

async function expectRefusal(promise: Promise<unknown>, message: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect((error as Error).message).to.match(message);
    return;
  }
  expect.fail(`expected a refusal matching ${String(message)}`);
}
