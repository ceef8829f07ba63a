import { expect } from 'chai';
import fc from 'fast-check';
import { textWidth } from '../../lib/terminal/char-width.js';
import { KeyDecoder } from '../../lib/terminal/key-decoder.js';
import { LineEditor } from '../../lib/terminal/line-editor.js';
import { PromptScreen, type LineView } from '../../lib/terminal/screen.js';
import { bytes, splits } from '../helpers/key-input.js';
import { TinyTerminal } from '../helpers/tiny-terminal.js';

const CSI = '\u001b[';
const LEFT = `${CSI}D`;
const RIGHT = `${CSI}C`;
const HOME = `${CSI}H`;
const END = `${CSI}F`;
const BACKSPACE = '\u007f';
const CTRL_U = '\u0015';
const PROMPT = '#general> ';

function view(text: string, cursor = Array.from(text).length, secret = false): LineView {
  return { chars: Array.from(text), cursor, secret };
}

/** A line editor drawn on a tiny terminal through a PromptScreen, keys typed as bytes. */
class Typist {
  readonly editor = new LineEditor();
  readonly decoder = new KeyDecoder();
  readonly screen: PromptScreen;
  readonly terminal: TinyTerminal;
  /** Every byte string the screen produced, in order. */
  readonly output: string[] = [];

  constructor(width: number, height = 5, prompt = PROMPT) {
    this.screen = new PromptScreen(width, prompt);
    this.terminal = new TinyTerminal(width, height);
    this.apply(this.screen.redraw(this.editor));
  }

  apply(output: string): this {
    this.output.push(output);
    this.terminal.write(output);
    return this;
  }

  type(...chunks: (string | Uint8Array)[]): this {
    for (const chunk of chunks) {
      for (const event of this.decoder.push(typeof chunk === 'string' ? bytes(chunk) : chunk)) {
        if (this.editor.handle(event).type !== 'unchanged') this.apply(this.screen.render(this.editor));
      }
    }
    return this;
  }

  /** The prompt row as the user sees it, with `|` where the cursor is. */
  seen(): string {
    const row = this.terminal.cursorLine();
    const { column } = this.terminal.cursor;
    // Rebuild by cells: the cursor column counts cells, wide characters take two.
    let shown = '';
    let used = 0;
    for (const char of row) {
      if (used === column) shown += '|';
      shown += char;
      used += textWidth(char);
    }
    return used <= column ? `${shown}${' '.repeat(column - used)}|` : shown;
  }
}

describe('PromptScreen', () => {
  describe('the bytes it sends', () => {
    it('paints the prompt and the line from column 1, erases the rest of the row, and puts the cursor back', () => {
      const screen = new PromptScreen(80, PROMPT);
      expect(screen.render(view('hello', 2))).to.equal(`\r${PROMPT}hello${CSI}K${CSI}3D`);
    });

    it('sends only the new characters when typing at the end of the line', () => {
      const screen = new PromptScreen(80, PROMPT);
      screen.render(view('hel'));
      expect(screen.render(view('hell'))).to.equal('l');
      expect(screen.render(view('hello 漢'))).to.equal('o 漢');
    });

    it('sends only a cursor move when the cursor moves within what is shown', () => {
      const screen = new PromptScreen(80, PROMPT);
      screen.render(view('hello'));
      expect(screen.render(view('hello', 1))).to.equal(`${CSI}4D`);
      expect(screen.render(view('hello', 3))).to.equal(`${CSI}2C`);
      expect(screen.render(view('hello', 3))).to.equal('');
    });

    it('moves the cursor by columns past wide characters', () => {
      const screen = new PromptScreen(80, '> ');
      screen.render(view('a漢字'));
      expect(screen.render(view('a漢字', 1))).to.equal(`${CSI}4D`);
    });

    it('repaints in full after an edit in the middle of the line', () => {
      const screen = new PromptScreen(80, PROMPT);
      screen.render(view('hllo', 1));
      expect(screen.render(view('hello', 2))).to.equal(`\r${PROMPT}hello${CSI}K${CSI}3D`);
    });

    it('shows nothing of a secret line', () => {
      const screen = new PromptScreen(80, 'Password: ');
      expect(screen.render(view('hunter2', 7, true))).to.equal(`\rPassword: ${CSI}K`);
      expect(screen.render(view('hunter23', 8, true))).to.equal('');
    });

    it('prints a line above the prompt: blank the row, the line and CRLF, then the prompt row again', () => {
      const screen = new PromptScreen(80, PROMPT);
      screen.render(view('typing', 3));
      expect(screen.printAbove(['[12:00] bob: hi'], view('typing', 3))).to.equal(
        `\r${CSI}K[12:00] bob: hi\r\n\r${PROMPT}typing${CSI}K${CSI}3D`,
      );
    });

    it('prints several lines at once, and turns line ends inside them into CRLF', () => {
      const screen = new PromptScreen(80, '> ');
      expect(screen.printAbove(['one\ntwo', 'three'], view(''))).to.equal(`\r${CSI}Kone\r\ntwo\r\nthree\r\n\r> ${CSI}K`);
    });

    it('just renders when there is nothing to print', () => {
      const screen = new PromptScreen(80, '> ');
      screen.render(view('ab'));
      expect(screen.printAbove([], view('abc'))).to.equal('c');
    });

    it('clears the screen with the cursor at the top left before repainting', () => {
      const screen = new PromptScreen(80, '> ');
      expect(screen.clearScreen(view('x'))).to.equal(`${CSI}H${CSI}2J\r> x${CSI}K`);
    });

    it('blanks the row on erase and repaints in full on the next render', () => {
      const screen = new PromptScreen(80, '> ');
      screen.render(view('ab'));
      expect(screen.erase()).to.equal(`\r${CSI}K`);
      expect(screen.render(view('ab'))).to.equal(`\r> ab${CSI}K`);
    });

    it('repaints with the new prompt', () => {
      const screen = new PromptScreen(80, '> ');
      screen.render(view('ab'));
      expect(screen.setPrompt('#dev> ', view('ab'))).to.equal(`\r#dev> ab${CSI}K`);
      expect(screen.prompt).to.equal('#dev> ');
    });

    it('measures a coloured prompt without its colour codes', () => {
      const prompt = `${CSI}36m#general${CSI}39m> `;
      const terminal = new TinyTerminal(20, 2);
      const screen = new PromptScreen(20, prompt);
      terminal.write(screen.render(view('abc', 1)));
      expect(terminal.cursor.column).to.equal(PROMPT.length + 1);
      expect(terminal.cursorLine()).to.equal(`${PROMPT}abc`);
    });

    it('takes 80 columns when the client reports no width', () => {
      expect(new PromptScreen(0, '> ').width).to.equal(80);
      expect(new PromptScreen(Number.NaN, '> ').width).to.equal(80);
      const screen = new PromptScreen(40, '> ');
      screen.resize(0, view(''));
      expect(screen.width).to.equal(80);
    });
  });

  describe('what the user sees', () => {
    interface Case {
      name: string;
      width: number;
      keys: string;
      seen: string;
    }
    const cases: Case[] = [
      { name: 'the prompt and the cursor after it', width: 30, keys: '', seen: '#general> |' },
      { name: 'typed text', width: 30, keys: 'hello', seen: '#general> hello|' },
      { name: 'the cursor moved back', width: 30, keys: `hello${LEFT}${LEFT}`, seen: '#general> hel|lo' },
      { name: 'an insertion in the middle', width: 30, keys: `helo${LEFT}l`, seen: '#general> hell|o' },
      { name: 'a deletion in the middle', width: 30, keys: `hexllo${LEFT}${LEFT}${LEFT}${BACKSPACE}`, seen: '#general> he|llo' },
      { name: 'wide characters', width: 30, keys: `a漢字😀b${LEFT}${LEFT}`, seen: '#general> a漢字|😀b' },
      { name: 'the line killed', width: 30, keys: `hello${CTRL_U}`, seen: '#general> |' },
      // 20 columns: a 10-column prompt leaves 9 for text, the last column stays empty.
      { name: 'a long line scrolled to keep the cursor in sight', width: 20, keys: 'abcdefghijklmnop', seen: '#general> hijklmnop|' },
      { name: 'a long line seen from its start after Home', width: 20, keys: `abcdefghijklmnop${HOME}`, seen: '#general> |abcdefghi' },
      { name: 'scrolling back only as far as the cursor', width: 20, keys: `abcdefghijklmnop${LEFT.repeat(10)}`, seen: '#general> |ghijklmno' },
      { name: 'scrolling forward, keeping the character under the cursor in sight', width: 20, keys: `abcdefghijklmnop${HOME}${RIGHT.repeat(12)}`, seen: '#general> efghijkl|m' },
      { name: 'a shortened line showing as much as fits', width: 20, keys: `abcdefghijklmnop${BACKSPACE.repeat(6)}`, seen: '#general> bcdefghij|' },
      { name: 'wide characters scrolled, none cut in half', width: 20, keys: '漢字漢字漢字', seen: '#general> 漢字漢字|' },
      { name: 'a wide character that does not fit at the right edge left out', width: 20, keys: `abcdefgh漢${HOME}`, seen: '#general> |abcdefgh' },
      { name: 'End after Home on a long line', width: 20, keys: `abcdefghijklmnop${HOME}${END}`, seen: '#general> hijklmnop|' },
      { name: 'the prompt cut on a very narrow window', width: 12, keys: 'abc', seen: '#gene abc|' },
    ];
    for (const { name, width, keys, seen } of cases) {
      it(`shows ${name}, however the keys arrive`, () => {
        for (const { how, chunks } of splits(bytes(keys))) {
          const typist = new Typist(width).type(...chunks);
          expect(typist.seen(), how).to.equal(seen);
          expect(textWidth(typist.terminal.cursorLine()), `${how}: the last column stays empty`).to.be.below(width);
        }
      });
    }

    it('shows a secret line as nothing at all', () => {
      const typist = new Typist(30, 3, 'Password: ');
      typist.editor.setSecret(true);
      typist.type('hunter2', LEFT);
      expect(typist.seen()).to.equal('Password: |');
      expect(typist.terminal.lines().join('\n')).not.to.include('hunter');
    });

    it('prints chat lines above the prompt without disturbing the line being typed', () => {
      const typist = new Typist(40, 4).type(`/send bob half-typed${LEFT}${LEFT}`);
      typist.apply(typist.screen.printAbove(['[12:00] alice: hello', '-- carol joined'], typist.editor));
      expect(typist.terminal.lines()).to.deep.equal(['[12:00] alice: hello', '-- carol joined', '#general> /send bob half-typed', '']);
      expect(typist.seen()).to.equal('#general> /send bob half-typ|ed');
      typist.type('!');
      expect(typist.seen()).to.equal('#general> /send bob half-typ!|ed');
    });

    it('scrolls earlier lines up and keeps the prompt row at the bottom', () => {
      const typist = new Typist(30, 3).type('draft');
      for (const line of ['one', 'two', 'three', 'four']) typist.apply(typist.screen.printAbove([line], typist.editor));
      expect(typist.terminal.scrolledOff).to.deep.equal(['one', 'two']);
      expect(typist.terminal.lines()).to.deep.equal(['three', 'four', '#general> draft']);
      expect(typist.terminal.cursor).to.deep.equal({ row: 2, column: 15 });
    });

    it('prints a line longer than the window wrapped, and the prompt row below it', () => {
      const typist = new Typist(10, 4, '> ').type('ab');
      typist.apply(typist.screen.printAbove(['0123456789ABCDEFGHIJ', 'x'], typist.editor));
      // Exactly two rows long: the pending wrap at the last column does not add an empty row.
      expect(typist.terminal.lines()).to.deep.equal(['0123456789', 'ABCDEFGHIJ', 'x', '> ab']);
      expect(typist.seen()).to.equal('> ab|');
    });

    it('lays the line out again when the window shrinks, keeping the cursor in sight', () => {
      const typist = new Typist(40, 3).type(`the quick brown fox${LEFT}${LEFT}${LEFT}`);
      expect(typist.seen()).to.equal('#general> the quick brown |fox');
      typist.apply(typist.screen.resize(20, typist.editor));
      // On a terminal that cuts rows when narrowed (as xterm does).
      const narrow = new TinyTerminal(20, 3);
      narrow.write(typist.output.join('').slice(typist.output.join('').lastIndexOf('\r')));
      expect(narrow.cursorLine()).to.equal('#general> k brown f');
      expect(narrow.textFromCursor()).to.equal('f');
      expect(textWidth(narrow.cursorLine())).to.be.below(20);
    });

    it('shows more of the line when the window grows', () => {
      const screen = new PromptScreen(20, PROMPT);
      screen.render(view('abcdefghijklmnop'));
      const wide = new TinyTerminal(40, 2);
      wide.write(screen.resize(40, view('abcdefghijklmnop')));
      expect(wide.cursorLine()).to.equal('#general> abcdefghijklmnop');
      expect(wide.cursor.column).to.equal(26);
    });

    it('clears the screen and draws the prompt row at the top on Ctrl-L', () => {
      const typist = new Typist(30, 4).type('abc');
      typist.apply(typist.screen.printAbove(['old', 'lines'], typist.editor));
      typist.apply(typist.screen.clearScreen(typist.editor));
      expect(typist.terminal.lines()).to.deep.equal(['#general> abc', '', '', '']);
      expect(typist.terminal.cursor).to.deep.equal({ row: 0, column: 13 });
    });
  });

  it('keeps, edit by edit, a window on the line with the cursor on its character, and draws what a full repaint would when the line fits', () => {
    const key = fc.constantFrom(LEFT, RIGHT, HOME, END, BACKSPACE, CTRL_U, `${CSI}3~`, `${CSI}1;5D`, `${CSI}1;5C`, '\u0017', '\u000b');
    const typed = fc.array(fc.constantFrom('a', 'b', 'z', ' ', '漢', '字', '😀', 'é'), { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 40 }), fc.array(fc.oneof(key, typed), { maxLength: 25 }), (width, keys) => {
        const typist = new Typist(width, 2, '> ');
        for (const chunk of keys) {
          typist.type(chunk);
          const { terminal, editor } = typist;
          const { chars, cursor } = editor;
          expect(textWidth(terminal.cursorLine()), 'the last column stays empty').to.be.below(width);
          const left = terminal.textBeforeCursor();
          expect(left.startsWith('> '), 'the prompt').to.equal(true);
          expect(chars.slice(0, cursor).join('').endsWith(left.slice(2)), 'left of the cursor').to.equal(true);
          expect(chars.slice(cursor).join('').startsWith(terminal.textFromCursor()), 'right of the cursor').to.equal(true);
          if (cursor < chars.length) expect(terminal.cellAtCursor(), 'under the cursor').to.equal(chars[cursor]);
          if (textWidth(chars.join('')) <= width - 3) {
            const fresh = new TinyTerminal(width, 2).write(new PromptScreen(width, '> ').redraw(editor));
            expect(terminal.lines()).to.deep.equal(fresh.lines());
            expect(terminal.cursor).to.deep.equal(fresh.cursor);
          }
        }
      }),
    );
  });
});
