import { expect } from 'chai';
import { parseHistoryArgs } from '../../lib/commands/history-args.js';
import { takeOptions } from '../../lib/commands/options-arg.js';
import { refusalText } from '../helpers/refusal.js';

describe("reading a command's options", () => {
  it('takes each --name and its value out, wherever they are, and keeps the other words in order', () => {
    const { words, options } = takeOptions('  deploy --FROM bob  friday --since 2d ', ['from', 'since'], '/x');
    expect(words).to.deep.equal(['deploy', 'friday']);
    expect([...options]).to.deep.equal([['from', 'bob'], ['since', '2d']]);
  });

  it('refuses an unknown option, one given twice, and one without its value', () => {
    expect(refusalText(() => takeOptions('a --page 2', ['from'], '/x'))).to.equal('INVALID_ARGUMENT: There is no option --page. Usage: /x');
    expect(refusalText(() => takeOptions('--from a --from b', ['from'], '/x'))).to.equal('INVALID_ARGUMENT: --from is given twice. Usage: /x');
    expect(refusalText(() => takeOptions('a --from', ['from'], '/x'))).to.equal('INVALID_ARGUMENT: --from needs a value. Usage: /x');
    expect(refusalText(() => takeOptions('--from --since 2d', ['from', 'since'], '/x'))).to.match(/--from needs a value/);
  });
});

describe('/history arguments', () => {
  it('reads a count, a bound and a target in any order', () => {
    expect(parseHistoryArgs('', 500)).to.deep.equal({ count: undefined, from: { kind: 'latest' }, target: undefined });
    expect(parseHistoryArgs('@bob 30 --before hxdbrws', 500)).to.deep.equal({ count: 30, from: { kind: 'before', id: 'hxdbrws' }, target: { nick: 'bob' } });
    expect(parseHistoryArgs('--around [hxdbrws] #dev', 500)).to.deep.equal({ count: undefined, from: { kind: 'around', id: '[hxdbrws]' }, target: { room: '#dev' } });
    expect(parseHistoryArgs('--after x1', 500).from).to.deep.equal({ kind: 'after', id: 'x1' });
  });

  it('refuses counts out of range or not whole, two counts, two targets and two bounds', () => {
    for (const bad of ['0', '501', '-5', '2.5', 'lots', '1e2']) expect(refusalText(() => parseHistoryArgs(bad, 500)), bad).to.match(/^INVALID_ARGUMENT: N must be a whole number from 1 to 500/);
    expect(refusalText(() => parseHistoryArgs('5 6', 500))).to.match(/^INVALID_ARGUMENT: Unexpected "6"/);
    expect(refusalText(() => parseHistoryArgs('#a @b', 500))).to.match(/^INVALID_ARGUMENT: Unexpected "@b"/);
    expect(refusalText(() => parseHistoryArgs('--before a --around b', 500))).to.match(/^INVALID_ARGUMENT: Give one of --before, --after and --around/);
  });
});
