import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { TestServer } from '../helpers/test-server.js';

const CLIENT_MAIN = path.resolve(import.meta.dirname, '../../lib/cli/client-main.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `chat-line <args>` as a user runs it in a pipe: stdin is `input`, CHAT_LINE_* only from `env`. */
async function chatLine(args: readonly string[], env: Record<string, string> = {}, input = ''): Promise<Run> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CHAT_LINE_')));
  const child = spawn(process.execPath, ['--import', 'tsx', CLIENT_MAIN, ...args], { env: { ...inherited, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.stdin.end(input);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', resolve);
  });
  clearTimeout(timer);
  return { code, stdout, stderr };
}

describe('the chat-line command line', function () {
  this.timeout(20_000);

  it('prints its help and its version, and exits 0', async function () {
    const help = await chatLine(['--help']);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.match(/^Usage: chat-line /);
    expect(help.stdout).to.contain('--download-dir DIR').and.to.match(/CHAT_LINE_<FLAG>,\s+e\.g\.\s+CHAT_LINE_DOWNLOAD_DIR/);
    const version = await chatLine(['--version']);
    expect([version.code, version.stdout]).to.deep.equal([0, '0.1.0\n']);
  });

  for (const [args, env, expected] of [
    [['--prot', '9000'], {}, 'unknown flag --prot; did you mean --port?'],
    [['--port', '0'], {}, '--port must be a whole number from 1 to 65535, got 0'],
    [[], { CHAT_LINE_PORT: 'eighty' }, '--port must be a whole number from 1 to 65535, got "eighty" (from CHAT_LINE_PORT)'],
    [['--ca', 'cert.pem'], {}, '--ca and --insecure go with --tls'],
    [['--host'], {}, '--host needs a value'],
  ] as const) {
    it(`refuses ${[...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...args].join(' ')} in two lines and exits 2`, async function () {
      const run = await chatLine(args, env);
      expect(run.code).to.equal(2);
      expect(run.stderr.trimEnd().split('\n')).to.deep.equal([`chat-line: ${expected}`, 'Run `chat-line --help` for the options.']);
    });
  }

  it('connects where CHAT_LINE_HOST and CHAT_LINE_PORT say, and chats from a pipe', async function () {
    const server = await TestServer.start();
    try {
      const run = await chatLine(['--no-color'], { CHAT_LINE_HOST: '127.0.0.1', CHAT_LINE_PORT: String(server.port) }, '/login alice pw\nhello from a pipe\n/quit\n');
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout).to.contain('-- welcome, alice!').and.to.contain('<alice> hello from a pipe');
    } finally {
      await server.stop();
    }
  });
});
