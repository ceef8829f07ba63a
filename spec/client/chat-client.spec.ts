import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { ChatClient } from '../../lib/client/chat-client.js';
import type { ChatClientOptions } from '../../lib/client/client-options.js';
import { describeConnectError } from '../../lib/client/connect-errors.js';
import { LineSplitter, nickFromWelcome, nickToOffer, roomFromLine } from '../../lib/client/server-text.js';
import { LAST_NICK_FILE, fileNickMemory } from '../../lib/client/nick-memory.js';
import { AGAIN_PROMPT } from '../../lib/client/password-twice.js';
import { EOL, NICK_PROMPT, PASSWORD_PROMPT, newNickLine, welcomeLine } from '../../lib/protocol/line/wire.js';

/** Speaks just enough of the protocol: greeting, nickname and password prompts, welcome, echo, /quit. */
class FakeServer {
  readonly received: string[] = [];
  private readonly server = net.createServer((socket) => {
    this.sockets.push(socket);
    this.serve(socket);
  });
  private readonly sockets: net.Socket[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  async listen(): Promise<number> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return address.port;
  }

  /** Resolves once the server has received `count` lines in total. */
  receivedLines(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  hangUp(): void {
    for (const socket of this.sockets) socket.end();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private serve(socket: net.Socket): void {
    let stage: 'nick' | 'password' | 'chat' = 'nick';
    let nick = '';
    let buffered = '';
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.write(`-- fake chat-line server${EOL}${NICK_PROMPT}`);
    socket.on('data', (text: string) => {
      buffered += text;
      const lines = buffered.split(/\r?\n/);
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '/limits') {
          // The client's own question at a terminal, not something the user typed.
          socket.write(`-- limits: files up to 1 MB (1048576 bytes); lines up to 4096 bytes; no limit on messages to #general; messages kept for ever${EOL}`);
          continue;
        }
        this.record(line);
        const login = /^\/login (\S+) \S+$/.exec(line);
        if (stage === 'nick' && login) {
          nick = login[1]!;
          stage = 'chat';
          socket.write(welcomeLine(nick, 'general') + EOL);
        } else if (stage === 'nick') {
          nick = line;
          stage = 'password';
          // Nicks starting with "new" are not registered yet.
          socket.write((nick.startsWith('new') ? newNickLine(nick, 8) + EOL : '') + PASSWORD_PROMPT);
        } else if (stage === 'password') {
          stage = 'chat';
          socket.write(welcomeLine(nick, 'general') + EOL);
        } else if (line.trimEnd() === '/history') {
          socket.write(`[14:05] #general [r2u6woy] <bob> hi ${nick}${EOL}`);
        } else if (line.startsWith('/chats ')) {
          socket.write(`-- now talking in #${line.slice('/chats '.length)}${EOL}`);
        } else if (line === '/quit') {
          socket.end(`-- bye, ${nick}${EOL}`);
        } else {
          socket.write(`<${nick}> ${line}${EOL}`);
        }
      }
    });
    socket.on('error', () => {
      // The client hanging up abruptly is part of what is tested.
    });
  }

  private record(line: string): void {
    this.received.push(line);
    for (const waiter of this.waiters.filter((w) => this.received.length >= w.count)) waiter.resolve();
  }
}

/** Collects what the client prints, and lets a test await a piece of it. */
class Screen {
  readonly stream = new PassThrough();
  text = '';
  constructor() {
    this.stream.setEncoding('utf8');
    this.stream.on('data', (chunk: string) => {
      this.text += chunk;
    });
  }
  /** The text without the cursor movements a terminal-mode client writes. */
  get plain(): string {
    // eslint-disable-next-line no-control-regex
    return this.text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  }
  async shows(expected: string, after = 0): Promise<void> {
    while (!this.plain.includes(expected, after)) await once(this.stream, 'data');
  }
}

describe('chat-line client', () => {
  let server: FakeServer;
  let port: number;
  let configDir: string;
  let input: PassThrough;
  let screen: Screen;

  beforeEach(async () => {
    server = new FakeServer();
    port = await server.listen();
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-line-client-'));
    input = new PassThrough();
    screen = new Screen();
  });

  afterEach(async () => {
    await server.close();
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  function client(overrides: Partial<ChatClientOptions> = {}): ChatClient {
    return new ChatClient({
      host: '127.0.0.1',
      port,
      input,
      output: screen.stream,
      terminal: false,
      nickMemory: fileNickMemory(configDir),
      ...overrides,
    });
  }

  describe('through pipes', () => {
    it('sends typed lines to the server and prints server lines with LF line ends', async () => {
      const running = client().run();
      input.write('alice\nhunter2\nhello there\n');
      await screen.shows('<alice> hello there\n');
      expect(server.received).to.deep.equal(['alice', 'hunter2', 'hello there']);
      expect(screen.text).to.include(`-- fake chat-line server\n${NICK_PROMPT}${PASSWORD_PROMPT}-- welcome, alice!`);
      expect(screen.text).not.to.include('\r');
      input.end();
      expect(await running).to.deep.equal({ code: 0 });
    });

    it('sends the last line even when it has no line end', async () => {
      const running = client().run();
      input.end('alice\nhunter2\nno newline');
      await server.receivedLines(3);
      expect(server.received[2]).to.equal('no newline');
      expect((await running).code).to.equal(0);
    });

    it('ends the connection and resolves run() when stdin ends', async () => {
      const running = client().run();
      await screen.shows(NICK_PROMPT);
      input.end();
      expect(await running).to.deep.equal({ code: 0 });
    });

    it('finishes with exit code 0 and prints nothing extra when the server hangs up', async () => {
      const running = client().run();
      await screen.shows(NICK_PROMPT);
      server.hangUp();
      expect(await running).to.deep.equal({ code: 0 });
      expect(screen.text).to.equal(`-- fake chat-line server\n${NICK_PROMPT}`);
    });

    it('finishes with exit code 0 after /quit once the server says goodbye', async () => {
      const running = client().run();
      input.write('alice\nhunter2\n/quit\n');
      expect(await running).to.deep.equal({ code: 0 });
      expect(screen.text).to.match(/-- bye, alice\n$/);
    });

    it('sends /quit on interrupt and finishes when the server closes', async () => {
      const chat = client();
      const running = chat.run();
      input.write('alice\nhunter2\n');
      await screen.shows('-- welcome, alice!');
      chat.interrupt();
      expect(await running).to.deep.equal({ code: 0 });
      expect(server.received.at(-1)).to.equal('/quit');
    });

    it('hangs up without sending /quit on interrupt at the password prompt, where it would count as a password', async () => {
      const chat = client();
      const running = chat.run();
      input.write('alice\n');
      await screen.shows(PASSWORD_PROMPT);
      chat.interrupt();
      expect(await running).to.deep.equal({ code: 0 });
      expect(server.received).to.deep.equal(['alice']);
    });

    it('hangs up after the grace period when the server ignores the end of input', async () => {
      // A server that never closes its side: only the grace timer can end the client.
      const stubborn = net.createServer({ allowHalfOpen: true }, (socket) => socket.on('error', () => undefined));
      stubborn.listen(0, '127.0.0.1');
      await once(stubborn, 'listening');
      const address = stubborn.address() as net.AddressInfo;
      try {
        const running = client({ port: address.port, closeGraceMs: 10 }).run();
        input.end();
        expect(await running).to.deep.equal({ code: 0 });
      } finally {
        stubborn.close();
      }
    });

    it('fails with exit code 1 and a clear message when nothing listens on the port', async () => {
      const closedPort = port;
      await server.close();
      const exit = await client({ port: closedPort }).run();
      expect(exit).to.deep.equal({
        code: 1,
        error: `chat-line: cannot connect to 127.0.0.1:${closedPort} (ECONNREFUSED) — is the server running?`,
      });
      expect(screen.text).to.equal('');
      server = new FakeServer(); // afterEach closes it again
    });
  });

  describe('remembering the nickname', () => {
    it('saves the nick from the welcome line and never the password', async () => {
      const running = client().run();
      input.write('alice\nhunter2\n');
      await screen.shows('-- welcome, alice!');
      expect(fs.readdirSync(configDir)).to.deep.equal([LAST_NICK_FILE]);
      expect(fs.readFileSync(path.join(configDir, LAST_NICK_FILE), 'utf8')).to.equal('alice\n');
      input.end();
      await running;
    });

    it('saves the nick when logging in with /login on the first line', async () => {
      const running = client().run();
      input.write('/login bob s3cret\n');
      await screen.shows('-- welcome, bob!');
      input.end();
      await running;
      expect(fs.readFileSync(path.join(configDir, LAST_NICK_FILE), 'utf8')).to.equal('bob\n');
    });

    it('saves nothing when the login never succeeds', async () => {
      const running = client().run();
      await screen.shows(NICK_PROMPT);
      input.end('alice\n');
      await running;
      expect(fs.readdirSync(configDir)).to.deep.equal([]);
    });
  });

  describe('at a terminal', () => {
    it('pre-fills the remembered nick at the nickname prompt and hides the password, also from history', async () => {
      fileNickMemory(configDir).remember('alice');
      const running = client({ terminal: true }).run();
      await screen.shows(`${NICK_PROMPT}alice`);
      input.write('\r');
      await screen.shows(PASSWORD_PROMPT);
      const passwordShownAt = screen.plain.lastIndexOf(PASSWORD_PROMPT);
      input.write('hunter2\r');
      await screen.shows('-- welcome, alice!', passwordShownAt);
      expect(server.received).to.deep.equal(['alice', 'hunter2']);
      expect(screen.text).not.to.include('hunter2');
      input.write('\x1b[A\r'); // up arrow, Enter: recalls the nick, never the password
      await server.receivedLines(3);
      expect(server.received[2]).to.equal('alice');
      input.write('hi\r');
      await screen.shows('<alice> hi');
      input.write('\x03'); // Ctrl+C
      expect(await running).to.deep.equal({ code: 0 });
      expect(server.received.at(-1)).to.equal('/quit');
      expect(screen.text).to.include('-- bye, alice');
    });

    it('keeps a /login line out of the up-arrow history', async () => {
      const running = client({ terminal: true }).run();
      await screen.shows(NICK_PROMPT);
      input.write('/login bob s3cret\r');
      await screen.shows('-- welcome, bob!');
      input.write('\x1b[A\r');
      await server.receivedLines(2);
      expect(server.received[1]).to.equal('');
      input.end();
      await running;
    });

    it('keeps a /password line out of the up-arrow history too', async () => {
      const running = client({ terminal: true }).run();
      await screen.shows(NICK_PROMPT);
      input.write('/login bob s3cret\r');
      await screen.shows('-- welcome, bob!');
      input.write('/password s3cret n3w\r');
      await screen.shows('<bob> /password s3cret n3w');
      input.write('\x1b[A\r');
      await server.receivedLines(3);
      expect(server.received[2]).to.equal('');
      input.end();
      await running;
    });

    it('shows the room plain lines go to in its prompt, as the server says it', async () => {
      const running = client({ terminal: true }).run();
      await screen.shows(NICK_PROMPT);
      input.write('alice\rhunter2\r');
      await screen.shows('#general> ');
      input.write('/chats dev\r');
      await screen.shows('#dev> ');
      input.end();
      await running;
    });

    it('completes commands, and nicks and rooms it has seen, with Tab', async () => {
      // A terminal sends a Tab on its own; in one chunk with other keys it is taken as pasted.
      const type = (...keys: string[]): void => {
        for (const key of keys) input.write(key);
      };
      const running = client({ terminal: true }).run();
      await screen.shows(NICK_PROMPT);
      input.write('alice\rhunter2\r');
      await screen.shows('#general> ');
      type('/hist', '\t', '\r');
      await screen.shows('<bob> hi alice');
      input.write('/chats dev\r');
      await screen.shows('#dev> ');
      type('thanks @b', '\t', 'and #gen', '\t', '\r');
      type('/leav', '\t', 'de', '\t', '\r');
      await server.receivedLines(6);
      expect(server.received.slice(2).map((line) => line.trimEnd())).to.deep.equal(['/history', '/chats dev', 'thanks @bob and #general', '/leave dev']);
      input.end();
      await running;
    });

    it('asks for a new nick\'s password twice, sending it only when both agree, and never shows it', async () => {
      const running = client({ terminal: true }).run();
      await screen.shows(NICK_PROMPT);
      input.write('newbie\r');
      await screen.shows(PASSWORD_PROMPT);
      input.write('first-try\r');
      await screen.shows(AGAIN_PROMPT);
      input.write('first-typo\r');
      await screen.shows('-- the two passwords differ; choose one again');
      const retry = screen.plain.lastIndexOf('choose one again');
      await screen.shows(PASSWORD_PROMPT, retry);
      input.write('second-try\r');
      await screen.shows(AGAIN_PROMPT, retry);
      input.write('second-try\r');
      await screen.shows('-- welcome, newbie!');
      expect(server.received).to.deep.equal(['newbie', 'second-try']);
      expect(screen.text).not.to.match(/first-try|first-typo|second-try/);
      input.end();
      await running;
    });

    it('shows no prompt of its own before the server has said anything', async () => {
      const running = client({ terminal: true }).run();
      await screen.shows(NICK_PROMPT);
      expect(screen.plain).not.to.include('> ');
      expect(screen.plain.startsWith('-- fake chat-line server')).to.equal(true);
      input.end();
      await running;
    });

    it('waits for the user to type a nick when none is remembered', async () => {
      const running = client({ terminal: true }).run();
      await screen.shows(NICK_PROMPT);
      input.write('bob\r');
      await server.receivedLines(1);
      expect(server.received).to.deep.equal(['bob']);
      input.end();
      await running;
    });
  });
});

describe('roomFromLine', () => {
  it('reads the room from the welcome and from every line that ends in "now talking in #room"', () => {
    expect(roomFromLine(welcomeLine('alice', 'general'))).to.equal('general');
    expect(roomFromLine('-- now talking in #dev')).to.equal('dev');
    expect(roomFromLine('-- you left #dev; now talking in #general')).to.equal('general');
    expect(roomFromLine('\x1b[2m-- now talking in #ops\x1b[0m')).to.equal('ops');
    expect(roomFromLine('[14:05] #general [abc1234] <bob> -- now talking in #fake')).to.equal(undefined);
    expect(roomFromLine('-- bob joined #dev')).to.equal(undefined);
    expect(roomFromLine('-- alice is away: now talking in #fake')).to.equal(undefined);
  });
});

describe('nickToOffer', () => {
  it('offers the remembered nick at the nickname prompt', () => {
    expect(nickToOffer(NICK_PROMPT, 'alice')).to.equal('alice');
  });
  it('offers nothing at other prompts, so the nick never lands in the password', () => {
    expect(nickToOffer(PASSWORD_PROMPT, 'alice')).to.equal(undefined);
    expect(nickToOffer('> ', 'alice')).to.equal(undefined);
  });
  it('offers nothing when no nick is remembered', () => {
    expect(nickToOffer(NICK_PROMPT, undefined)).to.equal(undefined);
  });
});

describe('nickFromWelcome', () => {
  it('reads the nick from the welcome line', () => {
    expect(nickFromWelcome(welcomeLine('carol', 'general'))).to.equal('carol');
  });
  it('reads the nick when prompts answered ahead arrive on the same line', () => {
    expect(nickFromWelcome(NICK_PROMPT + PASSWORD_PROMPT + welcomeLine('carol', 'general'))).to.equal('carol');
  });
  it('ignores lines that only mention a welcome', () => {
    expect(nickFromWelcome('<mallory> -- welcome, mallory! You are in #general.')).to.equal(undefined);
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks, including a CRLF split in the middle', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('one\r')).to.deep.equal([]);
    expect(splitter.push('\ntw')).to.deep.equal(['one']);
    expect(splitter.push('o\r\nnickname: ')).to.deep.equal(['two']);
    expect(splitter.partial).to.equal('nickname: ');
  });
});

describe('describeConnectError', () => {
  it('brackets IPv6 addresses and gives a hint for unknown hosts', () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    expect(describeConnectError('::1', 8000, error)).to.equal('chat-line: cannot connect to [::1]:8000 (ENOTFOUND) — check the host name');
  });
});
