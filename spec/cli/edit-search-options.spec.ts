import { expect } from 'chai';
import { configFrom } from '../helpers/server-flags.js';

describe('server flags for editing messages', () => {
  afterEach(() => {
    Reflect.deleteProperty(process.env, 'CHAT_LINE_EDIT_WINDOW');
    Reflect.deleteProperty(process.env, 'CHAT_LINE_SEARCH_PAGE_SIZE');
  });

  it('lets authors edit for 15 minutes unless told otherwise, by flag or environment; 0 turns editing off', () => {
    expect(configFrom([]).editWindowMs).to.equal(15 * 60_000);
    expect(configFrom(['--edit-window', '1h']).editWindowMs).to.equal(3_600_000);
    expect(configFrom(['--edit-window', '0']).editWindowMs).to.equal(0);
    process.env.CHAT_LINE_EDIT_WINDOW = '90s';
    expect(configFrom([]).editWindowMs).to.equal(90_000);
  });

  it('refuses a window that is not a duration, naming the flag', () => {
    expect(() => configFrom(['--edit-window', 'forever'])).to.throw(/--edit-window must be a duration such as 90s, 10m or 4h \(0 = off\), got "forever"/);
  });
});

describe('server flags for search', () => {
  afterEach(() => {
    Reflect.deleteProperty(process.env, 'CHAT_LINE_SEARCH_PAGE_SIZE');
  });

  it('shows 20 results a page unless told otherwise, by flag or environment', () => {
    expect(configFrom([]).searchPageSize).to.equal(20);
    expect(configFrom(['--search-page-size', '50']).searchPageSize).to.equal(50);
    process.env.CHAT_LINE_SEARCH_PAGE_SIZE = '5';
    expect(configFrom([]).searchPageSize).to.equal(5);
  });

  it('refuses a page size that is not a whole number from 1 to 200', () => {
    expect(() => configFrom(['--search-page-size', '0'])).to.throw(/--search-page-size must be a whole number from 1 to 200, got 0/);
    expect(() => configFrom(['--search-page-size', 'many'])).to.throw(/--search-page-size must be a whole number/);
  });
});
