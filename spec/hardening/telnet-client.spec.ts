import { spawn, spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { useTestServer } from '../helpers/test-server.js';

function installed(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** Drives Debian's telnet under expect, as a person would type; resolves with all it showed. */
function telnetSession(port: number, script: string): Promise<string> {
  const program = [`set timeout 5`, `log_user 1`, `spawn telnet 127.0.0.1 ${port}`, script, 'expect eof'].join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn('expect', ['-c', program], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.on('error', reject);
    child.on('exit', () => {
      resolve(output);
    });
  });
}

describe('a real telnet client (Debian telnet under expect)', function () {
  this.timeout(20_000);
  const ctx = useTestServer();

  before(function () {
    // .ci/run installs both; elsewhere the test waits for them.
    if (!installed('telnet') || !installed('expect')) this.skip();
  });

  it('hides the password as it is typed on the first try, and echoes again after it', async function () {
    const shown = await telnetSession(
      ctx.server.port,
      [
        'expect "nickname: "',
        'send "alice\\r"',
        'expect "password: "',
        'send "builder123\\r"',
        'expect "welcome, alice"',
        'expect "unread"',
        'send "/who\\r"',
        'expect "#general:"',
        'send "/quit\\r"',
      ].join('\n'),
    );
    expect(shown).to.contain('-- welcome, alice!');
    expect(shown, 'the password was on the screen').not.to.contain('builder123');
    // Typed text shows again: telnet echoes locally once the password is in.
    expect(shown).to.match(/\/who\r?\n/);
    expect(shown).to.contain('-- bye!');
  });
});
