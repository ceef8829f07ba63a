import { expect } from 'chai';
import { nextPageLine, parseSearchArgs } from '../../lib/commands/search-args.js';
import { refusalText } from '../helpers/refusal.js';

describe('/search arguments', () => {
  it('reads the words, a target and the options in any order', () => {
    expect(parseSearchArgs('deploy --from @bob #dev friday --since 2d --page 3')).to.deep.equal({
      words: ['deploy', 'friday'],
      target: '#dev',
      from: 'bob',
      since: { typed: '2d', ms: 2 * 86_400_000 },
      page: 3,
    });
    expect(parseSearchArgs('invoice @carol')).to.deep.equal({ words: ['invoice'], target: '@carol', from: undefined, since: undefined, page: 1 });
  });

  it('gives the line of the next page as it would be typed', () => {
    expect(nextPageLine(parseSearchArgs('deploy #dev --since 2d friday --from bob --page 2'))).to.equal('/search deploy friday #dev --from bob --since 2d --page 3');
    expect(nextPageLine(parseSearchArgs('x'))).to.equal('/search x --page 2');
  });

  it('refuses two targets, a --since that is not a duration and a --page that is not a number', () => {
    expect(refusalText(() => parseSearchArgs('x #a @b'))).to.match(/^INVALID_ARGUMENT: Unexpected "@b"/);
    expect(refusalText(() => parseSearchArgs('x --since yesterday'))).to.match(/^INVALID_ARGUMENT: --since takes how far back to search, such as 2d/);
    expect(refusalText(() => parseSearchArgs('x --since 0'))).to.match(/^INVALID_ARGUMENT: --since takes/);
    expect(refusalText(() => parseSearchArgs('x --page two'))).to.match(/^INVALID_ARGUMENT: --page takes a page number/);
  });
});
