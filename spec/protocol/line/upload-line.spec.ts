import { expect } from 'chai';
import { cleanFileName } from '../../../lib/chat/files/file-name.js';
import { parseUploadArgs } from '../../../lib/commands/upload-args.js';
import { announcedUploadSize } from '../../../lib/protocol/line/upload-line.js';
import { formatSize } from '../../../lib/util/units.js';

describe('the /upload line', function () {
  it('announces a byte count only for an /upload line that ends in a whole number after at least one other word', function () {
    const cases: [string, number | undefined][] = [
      ['/upload photo.jpg 1234', 1234],
      ['/UPLOAD #dev my photo.jpg 0', 0],
      ['  /upload @bob a b c 5242881  ', 5242881],
      ['/upload 1234', undefined],
      ['/upload photo.jpg', undefined],
      ['/upload photo.jpg 12kb', undefined],
      ['/upload photo.jpg -1', undefined],
      ['/upload photo.jpg 1234567890123456', undefined],
      ['/uploads photo.jpg 12', undefined],
      ['//upload photo.jpg 12', undefined],
      ['upload photo.jpg 12', undefined],
      ['', undefined],
    ];
    for (const [line, size] of cases) expect(announcedUploadSize(line), line).to.equal(size);
  });

  it('reads the target from a leading # or @, the size from the end, and the name, spaces and all, from between', function () {
    expect(parseUploadArgs('#dev my photo.jpg 12')).to.deep.equal({ target: { kind: 'room', name: '#dev' }, name: 'my photo.jpg', size: 12 });
    expect(parseUploadArgs('@Bob notes.txt 3')).to.deep.equal({ target: { kind: 'user', nick: 'Bob' }, name: 'notes.txt', size: 3 });
    expect(parseUploadArgs('notes.txt 3')).to.deep.equal({ target: undefined, name: 'notes.txt', size: 3 });
    expect(parseUploadArgs('#dev 3')).to.match(/needs a name/);
  });

  it('removes invisible characters from a name without leaving gaps where they were', function () {
    expect(parseUploadArgs('#dev in\u2028voi\ufeffce\u200b.pdf\u2029 3')).to.deep.equal({ target: { kind: 'room', name: '#dev' }, name: 'invoice.pdf', size: 3 });
    expect(cleanFileName('re\u200bport\u202e\u200efdp.exe')).to.equal('reportfdp.exe');
  });

  it('makes names safe to show and to save: no control characters, no directories, not empty or a dot name', function () {
    expect(cleanFileName('../../etc/passwd')).to.equal('.._.._etc_passwd');
    expect(cleanFileName('a\\b\u001b[31mred\u0007.txt')).to.equal('a_bred.txt');
    expect(cleanFileName('x'.repeat(300))).to.have.length(200);
    for (const bad of ['', '   ', '.', '..', '\u0000']) expect(cleanFileName(bad), JSON.stringify(bad)).to.equal(undefined);
  });

  it('shows sizes for people', function () {
    expect([0, 1023, 1024, 1536, 5 * 1024 * 1024, 1.25 * 1024 ** 3].map(formatSize)).to.deep.equal(['0 bytes', '1023 bytes', '1 KB', '1.5 KB', '5 MB', '1.3 GB']);
  });
});
