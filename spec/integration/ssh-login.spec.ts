import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { HOST_KEY_FILE } from '../../lib/server/ssh/host-key.js';
import { RecordingLogger } from '../helpers/recording-logger.js';
import { SshTestClient, sshPort } from '../helpers/ssh-test-client.js';
import { TestServer, tempDir, useTestServer } from '../helpers/test-server.js';

const SSH = { ssh: { port: 0, hostKeyFile: null } };

describe('SSH: the host key', function () {
  it('is made once in the data directory (mode 0600), kept across restarts, and its fingerprint logged at start-up', async function () {
    const dataDir = tempDir();
    const logger = new RecordingLogger();
    const server = await TestServer.start({ ...SSH, dataDir }, { logger });
    try {
      const file = path.join(dataDir, HOST_KEY_FILE);
      expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
      const [first] = logger.events('ssh.host_key');
      expect(first?.fields).to.include({ file, generated: true });
      expect(String(first?.fields.fingerprint)).to.match(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect(logger.events('server.listening').map((entry) => entry.fields.transport)).to.include('ssh');

      let seen = '';
      const client = await SshTestClient.connect(sshPort(server), { user: 'alice', password: 'pw' }, {
        hostHash: 'sha256',
        hostVerifier: (hash: string) => {
          seen = hash;
          return true;
        },
      });
      client.end();
      // ssh2 hands the hash as hex; the log shows it as OpenSSH does, in base64.
      expect(`SHA256:${Buffer.from(seen, 'hex').toString('base64').replace(/=+$/, '')}`).to.equal(first?.fields.fingerprint);

      await server.restart();
      const [, second] = logger.events('ssh.host_key');
      expect(second?.fields).to.include({ generated: false, fingerprint: first?.fields.fingerprint });
    } finally {
      await server.stop();
    }
  });

  it('is read from --ssh-host-key, and one that cannot be used stops the start naming the flag', async function () {
    const dataDir = tempDir();
    const bad = path.join(dataDir, 'not-a-key');
    fs.writeFileSync(bad, 'hello');
    let error: unknown;
    try {
      await TestServer.start({ ssh: { port: 0, hostKeyFile: bad }, dataDir });
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).to.match(/--ssh-host-key .*not-a-key is not an unencrypted OpenSSH or PEM private key/);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('SSH: logging in with a password', function () {
  const ctx = useTestServer(SSH);

  it('logs a registered user in with the password of the account, the SSH user name being the nick', async function () {
    (await ctx.server.login('alice', 'right')).close();
    const client = await SshTestClient.connect(sshPort(ctx.server), { user: 'ALICE', password: 'right' });
    const shell = await client.shell();
    expect(await shell.waitFor(/-- welcome, alice! You are in #general\.[^\r]*/)).to.match(/welcome, alice!/);
    client.end();
  });

  it('refuses a wrong password, and closes the connection after three', async function () {
    (await ctx.server.login('alice', 'right')).close();
    let error: unknown;
    try {
      await SshTestClient.connect(sshPort(ctx.server), { user: 'alice', password: 'wrong' });
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).to.match(/All configured authentication methods failed/);

    const answers = ['no', 'nope', 'never', 'right'];
    let closedEarly: unknown;
    try {
      await SshTestClient.connect(sshPort(ctx.server), { user: 'alice', keyboard: () => [answers.shift() ?? ''], keyboardTries: 4 });
    } catch (caught) {
      closedEarly = caught;
    }
    expect(closedEarly).to.be.instanceOf(Error);
    // The fourth answer, the right one, was never asked for.
    expect(answers).to.deep.equal(['right']);
  });

  it('registers a new nick with the password typed twice alike, telling the user at the keyboard-interactive prompt', async function () {
    const tries = [['s3cret', 's3cert'], ['s3cret', 's3cret']];
    const asked: string[][] = [];
    const client = await SshTestClient.connect(sshPort(ctx.server), {
      user: 'newbie',
      keyboard: (_instructions, prompts) => {
        asked.push([...prompts]);
        return tries.shift() ?? [];
      },
      keyboardTries: 2,
    });
    expect(asked).to.deep.equal([
      ['Password for newbie: ', 'Again: '],
      ['Password for newbie: ', 'Again: '],
    ]);
    expect(client.instructions).to.deep.equal([
      'newbie is a new nick: choose a password of at least 1 character to register it.',
      'The two passwords differ; nothing was registered. Choose one again.\nnewbie is a new nick: choose a password of at least 1 character to register it.',
    ]);
    client.end();
    const telnet = await ctx.server.connect();
    telnet.write('/login newbie s3cret');
    await telnet.waitFor(/^-- welcome, newbie!/);
  });

  it('shows why the last try was refused at the next prompt', async function () {
    (await ctx.server.login('alice', 'right')).close();
    const answers = ['wrong', 'right'];
    const client = await SshTestClient.connect(sshPort(ctx.server), { user: 'alice', keyboard: () => [answers.shift() ?? ''], keyboardTries: 2 });
    client.end();
    expect(client.instructions).to.deep.equal(['', 'ERROR WRONG_PASSWORD: Wrong password for alice. Try again, or pick another nick if it is not yours.']);
  });

  // What the user is shown is checked with OpenSSH (ssh2's client answers a prompt without questions itself).
  it('refuses a user name that is no nick, and ends the connection', async function () {
    let error: unknown;
    try {
      await SshTestClient.connect(sshPort(ctx.server), { user: 'bad!', keyboard: () => [], password: 'pw' });
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).to.match(/the server closed the connection/);
  });
});
