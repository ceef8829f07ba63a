import { expect } from 'chai';
import type { CompletionSources } from '../../lib/terminal/completion.js';
import { TerminalPrompt, type PromptStep, type TerminalPromptOptions } from '../../lib/terminal/terminal-prompt.js';
import { bytes, splits } from '../helpers/key-input.js';
import { TinyTerminal } from '../helpers/tiny-terminal.js';

const CSI = '\u001b[';
const UP = `${CSI}A`;
const LEFT = `${CSI}D`;
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_L = '\u000c';

const sources: CompletionSources = {
  commands: ['/send', '/say', '/schedule', '/scheduled', '/who', '/whois', '/quit'],
  nicks: ['alice', 'bob'],
  rooms: ['general', 'dev'],
};

/** A terminal session on a TinyTerminal, dealing with each sent line at once the way a caller would. */
class Session {
  readonly prompt: TerminalPrompt;
  readonly terminal: TinyTerminal;
  readonly lines: string[] = [];
  readonly steps: PromptStep[] = [];
  /** Everything written to the terminal. */
  written = '';
  /** Called with each line sent, before the prompt goes on. */
  onLine: (line: string) => void = () => undefined;

  constructor(options: Partial<TerminalPromptOptions> = {}, height = 6) {
    this.prompt = new TerminalPrompt({ width: 40, prompt: '#general> ', completionSources: () => sources, ...options });
    this.terminal = new TinyTerminal(this.prompt.width, height);
    this.write(this.prompt.start());
  }

  write(output: string): void {
    this.written += output;
    this.terminal.write(output);
  }

  type(...chunks: (string | Uint8Array)[]): this {
    for (const chunk of chunks) this.follow(this.prompt.input(typeof chunk === 'string' ? bytes(chunk) : chunk));
    return this;
  }

  follow(first: PromptStep): void {
    let step = first;
    for (;;) {
      this.steps.push(step);
      this.write(step.output);
      if (step.line === undefined) return;
      this.lines.push(step.line);
      this.onLine(step.line);
      step = this.prompt.continue();
    }
  }

  seen(): string {
    const { column } = this.terminal.cursor;
    const row = this.terminal.textBeforeCursor();
    return `${row}|${this.terminal.textFromCursor()}`.replace(/ +\|/, (blanks) => (column === row.length ? blanks : '|'));
  }
}

describe('TerminalPrompt', () => {
  it('hands out each line sent and leaves an empty prompt, however the keys arrive', () => {
    const input = bytes('hello\r/who gen', LEFT, LEFT, LEFT, 'x\r', UP);
    for (const { how, chunks } of splits(input)) {
      const session = new Session().type(...chunks);
      expect(session.lines, how).to.deep.equal(['hello', '/who xgen']);
      expect(session.seen(), how).to.equal('#general> /who xgen|');
      expect(session.terminal.lines().filter((line) => line !== ''), how).to.deep.equal(['#general> /who xgen']);
    }
  });

  it('holds what was typed after a line until continue(), so a password typed ahead is never shown', () => {
    const session = new Session();
    session.onLine = (line) => {
      if (line === '/login bob') session.write(session.prompt.setPrompt('Password: ') + session.prompt.setSecret(true));
      else session.write(session.prompt.setSecret(false) + session.prompt.setPrompt('#general> '));
    };
    session.type('/login bob\rhunter2\r/who\r');
    expect(session.lines).to.deep.equal(['/login bob', 'hunter2', '/who']);
    expect(session.written).not.to.include('hunter2');
    session.type(UP, UP);
    expect(session.seen()).to.equal('#general> /login bob|');
  });

  it('queues keys without drawing them while a line is being dealt with', () => {
    const prompt = new TerminalPrompt({ width: 40, prompt: '> ' });
    prompt.start();
    expect(prompt.input(bytes('one\r')).line).to.equal('one');
    const waiting = prompt.input(bytes('two'));
    expect(waiting).to.deep.equal({ output: '', eof: false, interrupt: false });
    expect(prompt.continue().output).to.equal('two');
  });

  it('keeps at most 1024 keys waiting, dropping the rest of a flood', () => {
    const prompt = new TerminalPrompt({ width: 40, prompt: '> ' });
    // 3000 Enters in one chunk: the first is handed out, the queue holds the next 1023.
    let step = prompt.input(bytes('\r'.repeat(3000)));
    let sent = 0;
    while (step.line !== undefined) {
      sent++;
      step = prompt.continue();
    }
    expect(sent).to.equal(1024);
  });

  it('prints chat lines above the prompt while the user types', () => {
    const session = new Session().type('half');
    session.write(session.prompt.print(['[12:00] alice: hi']));
    session.type(' done');
    expect(session.terminal.lines().slice(0, 2)).to.deep.equal(['[12:00] alice: hi', '#general> half done']);
  });

  it('completes at Tab, lists the candidates above the prompt, and cycles on', () => {
    const session = new Session().type('/sch\t');
    expect(session.terminal.lines().slice(0, 2)).to.deep.equal(['/schedule   /scheduled', '#general> /schedule']);
    session.type('\t');
    expect(session.seen()).to.equal('#general> /schedule |');
    session.type('\t');
    expect(session.seen()).to.equal('#general> /scheduled |');
    session.type('bo\t');
    expect(session.seen()).to.equal('#general> /scheduled bob |');
  });

  it('starts completion afresh after any other key', () => {
    const session = new Session().type('/wh\t', `${LEFT}${CSI}C\t`);
    expect(session.terminal.lines().slice(0, 3)).to.deep.equal(['/who    /whois', '/who    /whois', '#general> /who']);
  });

  it('does not complete without sources', () => {
    const session = new Session({ completionSources: undefined }).type('/wh\t');
    expect(session.seen()).to.equal('#general> /wh|');
  });

  it('leaves sent lines on screen when asked to, and a secret one as the bare prompt', () => {
    const session = new Session({ keepSentLines: true });
    session.onLine = (line) => {
      if (line === '/password') session.write(session.prompt.setSecret(true));
    };
    session.type('hello\r/password\rsecret\r');
    expect(session.terminal.lines().slice(0, 4)).to.deep.equal(['#general> hello', '#general> /password', '#general>', '#general>']);
  });

  it('reports Ctrl-D on an empty line as the end, and waits there', () => {
    const session = new Session();
    const step = session.prompt.input(bytes(`${CTRL_D}more`));
    expect(step.eof).to.equal(true);
    expect(session.prompt.input(bytes('x')).output).to.equal('');
  });

  it('reports Ctrl-C and clears the line', () => {
    const session = new Session().type('oops', CTRL_C);
    expect(session.steps.at(-1)?.interrupt).to.equal(true);
    expect(session.seen()).to.equal('#general> |');
  });

  it('clears the screen on Ctrl-L', () => {
    const session = new Session().type('a\rb');
    session.write(session.prompt.print(['line']));
    session.type(CTRL_L);
    expect(session.terminal.lines()).to.deep.equal(['#general> b', '', '', '', '', '']);
  });

  it('waits for the caller to settle a lone ESC, then reads the next key afresh', () => {
    const session = new Session().type('ab\u001b');
    expect(session.prompt.escapePending).to.equal(true);
    session.follow(session.prompt.resolveEscape());
    expect(session.prompt.escapePending).to.equal(false);
    session.type('[D');
    expect(session.seen()).to.equal('#general> ab[D|');
  });

  it('lays the line out again for a new width', () => {
    const session = new Session().type('a fairly long line of text here');
    const narrow = new TinyTerminal(20, 2).write(session.prompt.resize(20));
    expect(narrow.cursorLine()).to.equal('#general> text here');
    expect(session.prompt.width).to.equal(20);
  });

  it('asks the terminal to mark pastes at the start, and stops asking at the end, blanking the prompt row', () => {
    const session = new Session();
    expect(session.terminal.bracketedPaste).to.equal(true);
    session.type('bye');
    session.write(session.prompt.end());
    expect(session.terminal.bracketedPaste).to.equal(false);
    expect(session.terminal.lines().every((line) => line === '')).to.equal(true);
  });

  it('takes a marked paste of several lines as one line to edit, not as lines sent', () => {
    const session = new Session().type(`${CSI}200~first\r\nsecond${CSI}201~`);
    expect(session.lines).to.deep.equal([]);
    expect(session.seen()).to.equal('#general> first second|');
  });
});
