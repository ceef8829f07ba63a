import { expect } from 'chai';
import { style } from '../../lib/util/ansi.js';

describe('ANSI styles', function () {
  it('opens the styles in order and closes them in reverse', function () {
    expect(style('bold', 'underline')('Deploy')).to.equal('\x1b[1m\x1b[4mDeploy\x1b[24m\x1b[22m');
    expect(style('italic', 'gray')('(edited)')).to.equal('\x1b[3m\x1b[90m(edited)\x1b[39m\x1b[23m');
    expect(style('cyanBright')('bob')).to.equal('\x1b[96mbob\x1b[39m');
  });
  it('leaves no text as no text, so nothing stray reaches the terminal', function () {
    expect(style('red')('')).to.equal('');
  });
});
