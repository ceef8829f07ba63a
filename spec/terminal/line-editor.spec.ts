import { expect } from 'chai';
import fc from 'fast-check';
import { KeyDecoder, keyPress } from '../../lib/terminal/key-decoder.js';
import { LineEditor, type EditOutcome, type LineEditorOptions } from '../../lib/terminal/line-editor.js';
import { bytes, splits } from '../helpers/key-input.js';

const CSI = '\u001b[';
const LEFT = `${CSI}D`;
const RIGHT = `${CSI}C`;
const UP = `${CSI}A`;
const DOWN = `${CSI}B`;
const HOME = `${CSI}H`;
const END = `${CSI}F`;
const DELETE = `${CSI}3~`;
const WORD_LEFT = `${CSI}1;5D`;
const WORD_RIGHT = `${CSI}1;5C`;
const BACKSPACE = '\u007f';
const CTRL_A = '\u0001';
const CTRL_B = '\u0002';
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_E = '\u0005';
const CTRL_F = '\u0006';
const CTRL_K = '\u000b';
const CTRL_L = '\u000c';
const CTRL_N = '\u000e';
const CTRL_P = '\u0010';
const CTRL_U = '\u0015';
const CTRL_W = '\u0017';
const ALT_B = '\u001bb';
const ALT_F = '\u001bf';
const ALT_D = '\u001bd';
const ALT_BACKSPACE = '\u001b\u007f';
const ENTER = '\r';

interface Typed {
  editor: LineEditor;
  outcomes: EditOutcome[];
  submitted: string[];
  /** The line with `|` at the cursor. */
  shown: string;
}

function show(editor: LineEditor): string {
  const chars = [...editor.chars];
  chars.splice(editor.cursor, 0, '|');
  return chars.join('');
}

/** Types the bytes in the given chunks through a key decoder into the editor. */
function typeChunks(chunks: readonly Uint8Array[], editor = new LineEditor()): Typed {
  const decoder = new KeyDecoder();
  const outcomes = chunks.flatMap((chunk) => decoder.push(chunk)).map((event) => editor.handle(event));
  const submitted = outcomes.flatMap((outcome) => (outcome.type === 'submit' ? [outcome.line] : []));
  return { editor, outcomes, submitted, shown: show(editor) };
}

function type(input: string, editor = new LineEditor()): Typed {
  return typeChunks([bytes(input)], editor);
}

function editorWith(options: Partial<LineEditorOptions>): LineEditor {
  return new LineEditor(options);
}

interface Case {
  name: string;
  keys: string;
  shown: string;
  submitted?: string[];
}

const cases: Case[] = [
  { name: 'inserts typed text', keys: 'hello', shown: 'hello|' },
  { name: 'inserts at the cursor', keys: `helo${LEFT}l`, shown: 'hell|o' },
  { name: 'moves left and right, stopping at the ends', keys: `ab${LEFT}${LEFT}${LEFT}${RIGHT}`, shown: 'a|b' },
  { name: 'right stops at the end', keys: `ab${RIGHT}${RIGHT}`, shown: 'ab|' },
  { name: 'Home and End', keys: `abc${HOME}x${END}y`, shown: 'xabcy|' },
  { name: 'Ctrl-A and Ctrl-E', keys: `abc${CTRL_A}x${CTRL_E}y`, shown: 'xabcy|' },
  { name: 'Ctrl-B and Ctrl-F', keys: `abc${CTRL_B}${CTRL_B}${CTRL_F}`, shown: 'ab|c' },
  { name: 'Backspace before the cursor', keys: `abc${LEFT}${BACKSPACE}`, shown: 'a|c' },
  { name: 'Backspace at the start does nothing', keys: `ab${HOME}${BACKSPACE}`, shown: '|ab' },
  { name: 'Delete under the cursor', keys: `abc${HOME}${DELETE}`, shown: '|bc' },
  { name: 'Delete at the end does nothing', keys: `abc${DELETE}`, shown: 'abc|' },
  { name: 'Ctrl-D deletes under the cursor on a non-empty line', keys: `abc${LEFT}${CTRL_D}`, shown: 'ab|' },
  { name: 'Ctrl-U kills to the start', keys: `/send bob hi${LEFT}${LEFT}${CTRL_U}`, shown: '|hi' },
  { name: 'Ctrl-K kills to the end', keys: `/send bob hi${WORD_LEFT}${CTRL_K}`, shown: '/send bob |' },
  { name: 'Ctrl-W kills the word before the cursor', keys: `/send bob hello${CTRL_W}`, shown: '/send bob |' },
  { name: 'Ctrl-W takes the blanks before the cursor with the word', keys: `/send bob   ${CTRL_W}`, shown: '/send |' },
  { name: 'Ctrl-W in the middle of a word kills its first part', keys: `one two${LEFT}${LEFT}${CTRL_W}`, shown: 'one |wo' },
  { name: 'Alt-Backspace kills the word before the cursor', keys: `one two${ALT_BACKSPACE}`, shown: 'one |' },
  { name: 'Alt-D kills the word after the cursor', keys: `one two three${HOME}${ALT_F}${ALT_D}`, shown: 'one| three' },
  { name: 'Ctrl-arrows move by words', keys: `one  two three${WORD_LEFT}${WORD_LEFT}`, shown: 'one  |two three' },
  { name: 'Ctrl-Right stops at the end of the next word', keys: `one  two three${HOME}${WORD_RIGHT}${WORD_RIGHT}`, shown: 'one  two| three' },
  { name: 'Alt-B and Alt-F move by words', keys: `one two three${ALT_B}${ALT_B}${ALT_F}`, shown: 'one two| three' },
  { name: 'word moves stop at the ends', keys: `ab${WORD_RIGHT}${HOME}${WORD_LEFT}`, shown: '|ab' },
  { name: 'code points are the unit: emoji and CJK', keys: `a😀漢b${LEFT}${LEFT}${BACKSPACE}`, shown: 'a|漢b' },
  { name: 'a combining mark is a character of its own', keys: `e\u0301${BACKSPACE}`, shown: 'e|' },
  { name: 'Enter returns the line and clears it', keys: `hi there${LEFT}${ENTER}`, shown: '|', submitted: ['hi there'] },
  { name: 'Enter on an empty line returns an empty line', keys: ENTER, shown: '|', submitted: [''] },
  { name: 'two lines typed in one go', keys: `one${ENTER}two\r\n`, shown: '|', submitted: ['one', 'two'] },
  { name: 'Ctrl-C throws the line away', keys: `oops${CTRL_C}ok`, shown: 'ok|' },
  {
    name: 'a bracketed paste is inserted, line ends and tabs becoming blanks, without sending',
    keys: `>${CSI}200~one\r\ntwo\tthree${CSI}201~<`,
    shown: '>one two three<|',
  },
];

describe('LineEditor', () => {
  describe('edits the same way however the key bytes are split', () => {
    for (const { name, keys, shown, submitted = [] } of cases) {
      it(name, () => {
        for (const { how, chunks } of splits(bytes(keys))) {
          const typed = typeChunks(chunks);
          expect(typed.shown, how).to.equal(shown);
          expect(typed.submitted, how).to.deep.equal(submitted);
        }
      });
    }
  });

  describe('what each key reports to the caller', () => {
    it('says changed when the line or the cursor moved, unchanged when nothing did', () => {
      const editor = new LineEditor();
      expect(editor.handle({ type: 'text', text: 'a', paste: false })).to.deep.equal({ type: 'changed' });
      expect(editor.handle(keyPress('right'))).to.deep.equal({ type: 'unchanged' });
      expect(editor.handle(keyPress('left'))).to.deep.equal({ type: 'changed' });
      expect(editor.handle(keyPress('left'))).to.deep.equal({ type: 'unchanged' });
      expect(editor.handle(keyPress('escape'))).to.deep.equal({ type: 'unchanged' });
      expect(editor.handle(keyPress('z', { ctrl: true }))).to.deep.equal({ type: 'unchanged' });
      expect(editor.handle(keyPress('x', { alt: true }))).to.deep.equal({ type: 'unchanged' });
    });

    it('reports Ctrl-C as an interrupt, and Ctrl-D on an empty line as end of input', () => {
      expect(type(`x${CTRL_C}`).outcomes[1]).to.deep.equal({ type: 'interrupt' });
      expect(type(CTRL_D).outcomes).to.deep.equal([{ type: 'eof' }]);
    });

    it('reports Ctrl-L as a request to clear the screen, leaving the line alone', () => {
      const typed = type(`ab${CTRL_L}`);
      expect(typed.outcomes[1]).to.deep.equal({ type: 'clearScreen' });
      expect(typed.shown).to.equal('ab|');
    });

    it('reports Tab and Shift-Tab as completion requests', () => {
      expect(type('/se\t').outcomes[1]).to.deep.equal({ type: 'complete', backwards: false });
      expect(type(`/se${CSI}Z`).outcomes[1]).to.deep.equal({ type: 'complete', backwards: true });
    });

    it('ignores text that is nothing but control characters', () => {
      const editor = new LineEditor();
      expect(editor.insert('\u0007\u001b')).to.equal(false);
      expect(editor.text).to.equal('');
    });
  });

  describe('history', () => {
    it('brings back earlier lines with Up and Down, newest first', () => {
      const typed = type(`one${ENTER}two${ENTER}${UP}`);
      expect(typed.shown).to.equal('two|');
      type(UP, typed.editor);
      expect(show(typed.editor)).to.equal('one|');
      expect(type(UP, typed.editor).outcomes).to.deep.equal([{ type: 'unchanged' }]);
      type(DOWN, typed.editor);
      expect(show(typed.editor)).to.equal('two|');
    });

    it('keeps the line being typed while browsing, and gives it back at the end', () => {
      const typed = type(`sent${ENTER}half-typed${LEFT}${UP}`);
      expect(typed.shown).to.equal('sent|');
      type(DOWN, typed.editor);
      expect(show(typed.editor)).to.equal('half-typed|');
      expect(type(DOWN, typed.editor).outcomes).to.deep.equal([{ type: 'unchanged' }]);
    });

    it('works with Ctrl-P and Ctrl-N too', () => {
      const typed = type(`a${ENTER}b${ENTER}${CTRL_P}${CTRL_P}${CTRL_N}`);
      expect(typed.shown).to.equal('b|');
    });

    it('sends a recalled line, edited, as a new entry', () => {
      const typed = type(`/who${ENTER}${UP} general${ENTER}`);
      expect(typed.submitted).to.deep.equal(['/who', '/who general']);
      expect(typed.editor.history).to.deep.equal(['/who', '/who general']);
    });

    it('does not repeat the previous entry, nor keep empty or blank lines', () => {
      const typed = type(`a${ENTER}a${ENTER}${ENTER}   ${ENTER}b${ENTER}a${ENTER}`);
      expect(typed.editor.history).to.deep.equal(['a', 'b', 'a']);
    });

    it('keeps only the configured number of lines, dropping the oldest', () => {
      const typed = type(`1${ENTER}2${ENTER}3${ENTER}4${ENTER}`, editorWith({ historySize: 2 }));
      expect(typed.editor.history).to.deep.equal(['3', '4']);
      type(`${UP}${UP}${UP}`, typed.editor);
      expect(show(typed.editor)).to.equal('3|');
    });

    it('keeps nothing when its size is 0', () => {
      const typed = type(`1${ENTER}${UP}`, editorWith({ historySize: 0 }));
      expect(typed.editor.history).to.deep.equal([]);
      expect(typed.shown).to.equal('|');
    });

    it('starts again from the newest entry after a line is sent', () => {
      const typed = type(`a${ENTER}b${ENTER}${UP}${UP}${ENTER}${UP}`);
      expect(typed.submitted).to.deep.equal(['a', 'b', 'a']);
      expect(typed.shown).to.equal('a|');
    });

    it('forgets the draft after Ctrl-C', () => {
      const typed = type(`a${ENTER}draft${UP}${CTRL_C}${UP}${DOWN}`);
      expect(typed.shown).to.equal('|');
    });
  });

  describe('secret mode (passwords)', () => {
    it('returns the line on Enter but keeps it out of history', () => {
      const editor = new LineEditor();
      type(`/login bob${ENTER}`, editor);
      editor.setSecret(true);
      const typed = type(`hunter2${ENTER}`, editor);
      expect(typed.submitted).to.deep.equal(['hunter2']);
      expect(editor.history).to.deep.equal(['/login bob']);
    });

    it('does not browse history or complete while secret', () => {
      const editor = new LineEditor();
      type(`/login bob${ENTER}`, editor);
      editor.setSecret(true);
      const typed = type(`pw${UP}\t`, editor);
      expect(typed.outcomes.slice(-2)).to.deep.equal([{ type: 'unchanged' }, { type: 'unchanged' }]);
      expect(typed.shown).to.equal('pw|');
    });

    it('starts a fresh line when turned on or off', () => {
      const editor = new LineEditor();
      type('half', editor);
      editor.setSecret(true);
      expect(editor.secret).to.equal(true);
      expect(show(editor)).to.equal('|');
      type('pw', editor);
      editor.setSecret(false);
      expect(editor.secret).to.equal(false);
      expect(show(editor)).to.equal('|');
    });
  });

  describe('the line length limit', () => {
    it('refuses typing beyond maxBytes, counting UTF-8 bytes', () => {
      const typed = type('ab€€', editorWith({ maxBytes: 5 }));
      expect(typed.editor.text).to.equal('ab€');
      expect(type('c', typed.editor).outcomes).to.deep.equal([{ type: 'unchanged' }]);
    });

    it('cuts a paste at the limit, and editing makes room again', () => {
      const typed = type(`${CSI}200~0123456789${CSI}201~`, editorWith({ maxBytes: 4 }));
      expect(typed.shown).to.equal('0123|');
      type(`${BACKSPACE}x`, typed.editor);
      expect(show(typed.editor)).to.equal('012x|');
    });
  });

  it('sets the line and the cursor for a completion, clamping the cursor', () => {
    const editor = new LineEditor();
    editor.setLine('/send ', 99);
    expect(show(editor)).to.equal('/send |');
    editor.setLine('ab😀c', 3);
    expect(show(editor)).to.equal('ab😀|c');
  });

  it('keeps the cursor inside the line and the line free of control characters, whatever is typed', () => {
    const key = fc.constantFrom(LEFT, RIGHT, UP, DOWN, HOME, END, DELETE, WORD_LEFT, WORD_RIGHT, BACKSPACE, CTRL_U, CTRL_K, CTRL_W, CTRL_D, CTRL_C, ALT_D, ENTER, '\t');
    const input = fc.array(fc.oneof(key, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 30 });
    fc.assert(
      fc.property(input, (parts) => {
        const editor = new LineEditor({ maxBytes: 16 });
        const decoder = new KeyDecoder();
        for (const part of parts) {
          for (const event of decoder.push(bytes(part))) editor.handle(event);
          expect(editor.cursor).to.be.within(0, editor.chars.length);
          expect(Buffer.byteLength(editor.text)).to.be.at.most(16);
          // eslint-disable-next-line no-control-regex -- looking for control characters is the point
          expect(editor.text).not.to.match(/[\x00-\x1f\x7f-\x9f]/);
        }
      }),
    );
  });
});
