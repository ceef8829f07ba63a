import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { sshPort } from '../helpers/ssh-test-client.js';
import { TestServer, tempDir } from '../helpers/test-server.js';

const SSH = '/usr/bin/ssh';
const SSH_KEYGEN = '/usr/bin/ssh-keygen';

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Debian's OpenSSH client against a test server: throwaway keys, no known hosts, no user
 * config. A password comes from an askpass script (ssh asks it even without a terminal).
 */
class OpenSsh {
  readonly dir = tempDir();
  private readonly askpass = path.join(this.dir, 'askpass');

  constructor(private readonly port: number) {}

  /** A new key pair; returns the private key's path (the public one is `<path>.pub`). */
  async keygen(name: string): Promise<string> {
    const file = path.join(this.dir, name);
    const made = await run(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-C', `${name}@spec`, '-f', file]);
    if (made.code !== 0) throw new Error(`ssh-keygen failed: ${made.stderr}`);
    return file;
  }

  /** `ssh -p <port> user@127.0.0.1 [command]`, with the password answered or a key, and `input` as stdin. */
  run(user: string, command: string[], options: { password?: string; key?: string; input?: Buffer | string; extra?: string[] } = {}): Promise<Run> {
    const args = ['-F', '/dev/null', '-p', String(this.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'ConnectTimeout=5'];
    args.push('-o', 'IdentitiesOnly=yes', ...(options.key ? ['-i', options.key] : ['-o', 'PubkeyAuthentication=no']));
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: this.dir };
    if (options.password === undefined) {
      args.push('-o', 'BatchMode=yes');
    } else {
      fs.writeFileSync(this.askpass, `#!/bin/sh\necho '${options.password}'\n`, { mode: 0o700 });
      Object.assign(env, { SSH_ASKPASS: this.askpass, SSH_ASKPASS_REQUIRE: 'force' });
    }
    return run(SSH, [...args, ...(options.extra ?? []), `${user}@127.0.0.1`, ...command], env, options.input);
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs a program to its end (at most 15 s), collecting what it wrote. */
function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env, input?: Buffer | string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout), stderr });
    });
  });
}

describe('SSH with Debian\'s OpenSSH client', function () {
  this.timeout(30_000);
  let server: TestServer;
  let ssh: OpenSsh;

  before(function () {
    if (!fs.existsSync(SSH) || !fs.existsSync(SSH_KEYGEN)) this.skip();
  });

  beforeEach(async function () {
    server = await TestServer.start({ ssh: { port: 0, hostKeyFile: null } });
    ssh = new OpenSsh(sshPort(server));
  });

  afterEach(async function () {
    await server.stop();
    ssh.remove();
  });

  it('logs in with the password of the account and runs a command, exiting 0', async function () {
    (await server.login('alice', 'right')).close();
    const result = await ssh.run('alice', ['/who'], { password: 'right' });
    expect(result.stderr).not.to.match(/denied/i);
    expect(result.code).to.equal(0);
    expect(result.stdout.toString()).to.equal('-- #general: 1 member, 1 online\r\n-- alice  online\r\n');
    const wrong = await ssh.run('alice', ['/who'], { password: 'wrong' });
    expect(wrong.code).to.equal(255);
    expect(wrong.stderr).to.match(/ERROR WRONG_PASSWORD: Wrong password for alice/);
  });

  it('logs in with a key added with /key, and refuses a key that is not the account\'s', async function () {
    const key = await ssh.keygen('alice');
    const stranger = await ssh.keygen('stranger');
    const alice = await server.login('alice');
    alice.write(`/key add ${fs.readFileSync(`${key}.pub`, 'utf8').trim()}`);
    await alice.waitFor(/^-- key SHA256:\S+ \(ssh-ed25519\) added/);
    const ok = await ssh.run('alice', ['/key list'], { key });
    expect(ok.code).to.equal(0);
    expect(ok.stdout.toString()).to.match(/^-- your SSH keys \(1\):\r\n-- SHA256:\S+ ssh-ed25519 alice@spec, added /);
    const refused = await ssh.run('alice', ['/key list'], { key: stranger });
    expect(refused.code).to.equal(255);
    expect(refused.stderr).to.match(/Permission denied \(publickey,keyboard-interactive,password\)/);
  });

  it('offers a new nick with a key registration, after which the key alone logs in', async function () {
    const key = await ssh.keygen('newbie');
    const registered = await ssh.run('newbie', ['/whois newbie'], { key, password: 's3cret' });
    expect(registered.code).to.equal(0);
    expect(registered.stderr).to.match(/newbie is a new nick: choose a password of at least 1 character to register it\.\nYour key SHA256:\S+ will be added to the account/);
    const again = await ssh.run('newbie', ['/key list'], { key });
    expect(again.code).to.equal(0);
    expect(again.stdout.toString()).to.match(/-- your SSH keys \(1\):/);
  });

  it('downloads a file byte for byte with /download, and uploads one from stdin', async function () {
    const file = randomBytes(200_000);
    const up = await ssh.run('alice', [`/upload #general blob.bin ${file.length}`], { password: 'pw', input: file });
    expect(up.code).to.equal(0);
    const id = /sent file (\w+): blob\.bin/.exec(up.stdout.toString())?.[1] ?? '';
    const down = await ssh.run('bob', [`/download ${id}`], { password: 'pw' });
    expect(down.code).to.equal(0);
    expect(down.stdout.length).to.equal(file.length);
    expect(down.stdout.equals(file)).to.equal(true);
  });

  it('lets an SSH user (ssh -T, piped) and a telnet user chat', async function () {
    const bob = await server.login('bob');
    const alice = ssh.run('alice', [], { password: 'pw', input: '/send bob hi from ssh\n', extra: ['-T'] });
    await bob.waitFor(/<alice -> bob> hi from ssh$/);
    const result = await alice;
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout.toString()).to.match(/-- welcome, alice! You are in #general\./);
    expect(result.stdout.toString()).to.match(/<alice -> bob> hi from ssh\r\n/);
  });

  it('says why a user name that is no nick is refused', async function () {
    const result = await ssh.run('no-good!', ['/who'], { password: 'pw' });
    expect(result.code).to.equal(255);
    expect(result.stderr).to.match(/ERROR INVALID_NICK: "no-good!" is not a valid nick/);
  });
});
