import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { childLogger, createLogger } from '../../lib/util/logger.js';
import { RecordingLogger } from '../helpers/recording-logger.js';

describe('the logger', function () {
  it('writes one line per entry with time, level, event and key=value fields, quoting only where needed', function () {
    const stream = new PassThrough();
    const logger = createLogger({ level: 'info', stream, now: () => new Date(2026, 11, 4, 9, 5, 7, 12).getTime() });
    logger.debug('not.shown');
    logger.warn('session.flood', { session: 7, nick: 'bob', reason: 'too many lines' });
    expect(String(stream.read())).to.equal('2026-12-04 09:05:07.012 WARN  session.flood session=7 nick=bob reason="too many lines"\n');
  });

  it('writes an object per line with --log-format json, its own time, level and event kept', function () {
    const stream = new PassThrough();
    const logger = createLogger({ level: 'info', format: 'json', stream, now: () => Date.UTC(2026, 11, 4, 9, 5, 7, 12) });
    logger.debug('not.shown');
    logger.warn('session.flood', { session: 7, nick: 'bob', reason: 'too many lines', level: 'fake', gone: undefined });
    const text = String(stream.read());
    expect(text.endsWith('\n')).to.equal(true);
    expect(text).to.equal('{"time":"2026-12-04T09:05:07.012Z","level":"warn","event":"session.flood","session":7,"nick":"bob","reason":"too many lines"}\n');
  });

  it('gives a child the fields of its session on every entry, the entry own fields winning', function () {
    const parent = new RecordingLogger();
    const log = childLogger(parent, { session: 3, nick: 'alice' });
    log.info('session.login', { address: '127.0.0.1' });
    log.warn('session.disconnect', { nick: 'renamed' });
    log.error('plain');
    expect(parent.entries).to.deep.equal([
      { level: 'info', event: 'session.login', fields: { session: 3, nick: 'alice', address: '127.0.0.1' } },
      { level: 'warn', event: 'session.disconnect', fields: { session: 3, nick: 'renamed' } },
      { level: 'error', event: 'plain', fields: { session: 3, nick: 'alice' } },
    ]);
  });
});
