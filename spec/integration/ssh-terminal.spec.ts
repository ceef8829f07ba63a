import { expect } from 'chai';
import { ChannelReader, SshTestClient, sshPort } from '../helpers/ssh-test-client.js';
import { TinyTerminal } from '../helpers/tiny-terminal.js';
import { useTestServer } from '../helpers/test-server.js';

const LEFT = '\u001b[D';
const UP = '\u001b[A';
const CTRL_D = '\u0004';

/** An SSH shell with a terminal, drawn on a TinyTerminal as the user would see it. */
async function terminal(port: number, nick: string, options: { cols?: number; env?: Record<string, string>; term?: string } = {}): Promise<{ client: SshTestClient; shell: ChannelReader; screen: TinyTerminal }> {
  const client = await SshTestClient.connect(port, { user: nick, password: 'pw' });
  const shell = await client.shell({ cols: options.cols ?? 80, rows: 24, term: options.term ?? 'xterm-256color' }, options.env);
  const screen = new TinyTerminal(80, 24);
  // What came before this (the data of the first turns), then the rest as it comes.
  screen.write(shell.text);
  shell.channel.on('data', (chunk: Buffer) => screen.write(chunk.toString('utf8')));
  await shell.waitFor(/welcome, \S+!/);
  return { client, shell, screen };
}

/** Waits until the row with the cursor (the prompt) reads `text`. */
async function promptShows(shell: ChannelReader, screen: TinyTerminal, text: string): Promise<void> {
  try {
    await shell.until(() => screen.cursorLine() === text, `waiting for the prompt ${JSON.stringify(text)}`);
  } catch (error) {
    throw new Error(`${String(error)}\nscreen:\n${screen.lines().join('\n')}\ncursor line: ${JSON.stringify(screen.cursorLine())}`);
  }
}

describe('SSH: a shell with a terminal', function () {
  const ctx = useTestServer({ ssh: { port: 0, hostKeyFile: null } });

  it('edits the line with the cursor keys and sends it with Enter', async function () {
    const bob = await ctx.server.login('bob');
    const { client, shell, screen } = await terminal(sshPort(ctx.server), 'alice');
    await promptShows(shell, screen, '#general>');
    shell.write('hllo world');
    shell.write(LEFT.repeat(9) + 'e');
    await promptShows(shell, screen, '#general> hello world');
    shell.write('\r');
    await bob.waitFor(/<alice> hello world$/);
    await promptShows(shell, screen, '#general>');
    expect(screen.lines().some((line) => /<alice> hello world$/.test(line))).to.equal(true);
    client.end();
  });

  it('prints what others say above the prompt without breaking the line being typed', async function () {
    const bob = await ctx.server.login('bob');
    const { client, shell, screen } = await terminal(sshPort(ctx.server), 'alice');
    shell.write('half typed');
    await promptShows(shell, screen, '#general> half typed');
    bob.write('interrupting');
    await shell.until(() => screen.lines().some((line) => line.endsWith('<bob> interrupting')), 'bob above the prompt');
    await promptShows(shell, screen, '#general> half typed');
    const rows = screen.lines();
    expect(rows.findIndex((line) => line.endsWith('<bob> interrupting'))).to.equal(screen.cursor.row - 1);
    client.end();
  });

  it('recalls earlier lines with Up, and completes commands and nicks with Tab', async function () {
    await ctx.server.login('bobby');
    const { client, shell, screen } = await terminal(sshPort(ctx.server), 'alice');
    shell.write('first line\r');
    await shell.waitFor(/<alice> first line/);
    shell.write(UP);
    await promptShows(shell, screen, '#general> first line');
    shell.write('\u0015/wh\t');
    await shell.until(() => /\/who\s+\/whois/.test(screen.lines().join('\n')), 'the candidates listed');
    shell.write('\u0015/send bo\t');
    await promptShows(shell, screen, '#general> /send bobby');
    client.end();
  });

  it('shows the room in the prompt, and follows it when the user changes rooms', async function () {
    const { client, shell, screen } = await terminal(sshPort(ctx.server), 'alice');
    shell.write('/chats dev\r');
    await promptShows(shell, screen, '#dev>');
    client.end();
  });

  it('lays the line out again when the window changes size', async function () {
    const { client, shell, screen } = await terminal(sshPort(ctx.server), 'alice', { cols: 20 });
    shell.write('abcdefghijklmnopqrstuvwxyz');
    await shell.until(() => screen.cursorLine().endsWith('xyz') && !screen.cursorLine().includes('abc'), 'the line scrolled sideways');
    shell.channel.setWindow(24, 80, 0, 0);
    await promptShows(shell, screen, '#general> abcdefghijklmnopqrstuvwxyz');
    client.end();
  });

  it('is in colour unless the terminal or NO_COLOR says otherwise', async function () {
    const colour = await terminal(sshPort(ctx.server), 'alice');
    colour.shell.write('/color\r');
    await colour.shell.waitFor(/colour is on on this connection/);
    colour.client.end();
    const plain = await terminal(sshPort(ctx.server), 'alice', { env: { NO_COLOR: '1' } });
    plain.shell.write('/color\r');
    await plain.shell.waitFor(/colour is off on this connection/);
    plain.client.end();
    const dumb = await terminal(sshPort(ctx.server), 'alice', { term: 'dumb' });
    dumb.shell.write('/color\r');
    await dumb.shell.waitFor(/colour is off on this connection/);
    dumb.client.end();
  });

  it('ends the session at Ctrl-D on an empty line', async function () {
    const { client, shell } = await terminal(sshPort(ctx.server), 'alice');
    shell.write(CTRL_D);
    await shell.waitFor(/-- bye!/);
    await shell.waitClosed();
    client.end();
  });

  it('refuses /download at the terminal, saying how to download over SSH', async function () {
    const bob = await ctx.server.login('bob');
    bob.write('/upload notes.txt 5');
    bob.writeRaw('hello');
    const id = /sent file (\w+): notes\.txt/.exec(await bob.waitFor(/sent file \w+: notes\.txt/))?.[1] ?? '';
    const { client, shell } = await terminal(sshPort(ctx.server), 'alice');
    shell.write(`/download ${id}\r`);
    await shell.waitFor(/ERROR FILE_NOT_ON_TERMINAL: Files do not go to an interactive terminal\. Run the command on its own instead: ssh -p \d+ alice@127\.0\.0\.1 '\/download <id>' > file/);
    client.end();
  });
});
