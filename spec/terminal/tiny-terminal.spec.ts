import { expect } from 'chai';
import { TinyTerminal } from '../helpers/tiny-terminal.js';

// The screen tests trust this emulator; these pin down the xterm behaviours they rely on.
describe('TinyTerminal (the test emulator)', () => {
  it('moves down without going back on LF, and back to column 1 on CR', () => {
    const terminal = new TinyTerminal(10, 3).write('ab\ncd\r\nef');
    expect(terminal.lines()).to.deep.equal(['ab', '  cd', 'ef']);
  });

  it('holds the wrap at the last column until the next printable character', () => {
    const terminal = new TinyTerminal(4, 3).write('abcd');
    expect(terminal.cursor).to.deep.equal({ row: 0, column: 3 });
    terminal.write('\r\nx');
    expect(terminal.lines()).to.deep.equal(['abcd', 'x', '']);
    terminal.write('\r\nwxyzQ');
    expect(terminal.lines()).to.deep.equal(['x', 'wxyz', 'Q']);
    expect(terminal.scrolledOff).to.deep.equal(['abcd']);
  });

  it('gives wide characters two cells and wraps one that does not fit in the last column', () => {
    const terminal = new TinyTerminal(5, 2).write('ab漢c漢');
    expect(terminal.lines()).to.deep.equal(['ab漢c', '漢']);
  });

  it('blanks the other half of a wide character that is partly overwritten', () => {
    const terminal = new TinyTerminal(6, 1).write('漢字\r\u001b[1Cx');
    expect(terminal.lines()).to.deep.equal([' x字']);
  });

  it('puts combining marks on the character before them', () => {
    expect(new TinyTerminal(6, 1).write('e\u0301x').lines()).to.deep.equal(['e\u0301x']);
  });

  it('erases to the end of the row, and moves with CSI C, D, G and H', () => {
    const terminal = new TinyTerminal(10, 2).write('abcdef\u001b[3D\u001b[K');
    expect(terminal.lines()).to.deep.equal(['abc', '']);
    terminal.write('\u001b[2Gx\u001b[9C\u001b[2;1Hy');
    expect(terminal.lines()).to.deep.equal(['axc', 'y']);
    expect(terminal.cursor).to.deep.equal({ row: 1, column: 1 });
  });

  it('keeps track of bracketed paste mode', () => {
    const terminal = new TinyTerminal(5, 1).write('\u001b[?2004h');
    expect(terminal.bracketedPaste).to.equal(true);
    expect(terminal.write('\u001b[?2004l').bracketedPaste).to.equal(false);
    expect(() => terminal.write('\u001b[?25l')).to.throw(/private mode/);
  });

  it('refuses bytes it does not understand, so a test cannot pass on them', () => {
    expect(() => new TinyTerminal(5, 1).write('\u001b[5n')).to.throw(/control sequence/);
    expect(() => new TinyTerminal(5, 1).write('\u001b]0;t\u0007')).to.throw(/escape/);
    expect(() => new TinyTerminal(5, 1).write('\t')).to.throw(/control character/);
  });
});
