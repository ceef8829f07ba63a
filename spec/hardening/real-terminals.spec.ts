import { expect } from 'chai';
import { TELNET } from '../../lib/protocol/line/telnet-codes.js';
import { TELNET_OPTION, WILL_ECHO, WONT_ECHO } from '../../lib/protocol/line/telnet.js';
import { TERMINAL_CONTROL, type LineClient } from '../helpers/line-client.js';
import { TestServer, useTestServer } from '../helpers/test-server.js';

const { IAC, SB, SE, NOP, IP, WILL, DO } = TELNET;
const { TIMING_MARK } = TELNET_OPTION;
const NAWS = 31;
const SUPPRESS_GO_AHEAD = 3;
const BS = 0x08;
const DEL = 0x7f;

/** Strings as UTF-8, numbers as single raw bytes. */
function bytes(...parts: (string | number)[]): Buffer {
  return Buffer.concat(parts.map((part) => (typeof part === 'number' ? Buffer.from([part]) : Buffer.from(part, 'utf8'))));
}

function occurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

const DO_TIMING_MARK = bytes(IAC, DO, TIMING_MARK);
const WILL_TIMING_MARK = bytes(IAC, WILL, TIMING_MARK);

/**
 * Sends each part as a packet of its own: the timing mark after it is answered only once
 * the server has read the part, so the next part cannot share a read with it.
 */
async function sendInPackets(client: LineClient, parts: readonly Buffer[]): Promise<void> {
  for (const part of parts) {
    const answered = occurrences(client.bytes, WILL_TIMING_MARK);
    client.writeRaw(Buffer.concat([part, DO_TIMING_MARK]));
    await client.until(() => occurrences(client.bytes, WILL_TIMING_MARK) > answered, 'waiting for the timing mark');
  }
}

describe('real terminals and hostile input, over real sockets', function () {
  const ctx = useTestServer();

  describe('telnet', function () {
    it('consumes negotiation, subnegotiation and NOPs inside a line, so others see only the text', async function () {
      const bob = await ctx.server.login('bob');
      const tel = await ctx.server.login('tel');
      tel.writeRaw(bytes('hel', IAC, NOP, 'lo ', IAC, SB, NAWS, 0, 80, 0, 24, IAC, SE, 'wor', IAC, WILL, NAWS, 'ld\r\n'));
      expect(await bob.waitFor(/<tel> /)).to.match(/<tel> hello world$/);
      expect(bob.bytes.includes(IAC)).to.equal(false);
      expect(bob.all).not.to.contain('\ufffd');
    });

    it('drops the half-typed line on Ctrl+C (IAC IP) and answers the timing mark that comes with it', async function () {
      const bob = await ctx.server.login('bob');
      const tel = await ctx.server.login('tel');
      tel.writeRaw(bytes('rm -rf half a line', IAC, IP, IAC, DO, TIMING_MARK));
      await tel.until(() => tel.bytes.includes(WILL_TIMING_MARK), 'waiting for the timing mark');
      tel.writeRaw('kept\r\n');
      expect(await bob.waitFor(/<tel> /)).to.match(/<tel> kept$/);
      expect(bob.all).not.to.contain('rm -rf');
      expect(tel.all).not.to.match(/ERROR/);
    });

    it('hides the password of a telnet client (WILL ECHO before the prompt, WONT ECHO after the line) and ignores its replies', async function () {
      const tel = await ctx.server.connect();
      // What Windows telnet and PuTTY open with.
      tel.writeRaw(bytes(IAC, DO, SUPPRESS_GO_AHEAD, IAC, WILL, NAWS));
      await tel.waitFor(/nickname: $/);
      tel.writeRaw('alice\r\n');
      await tel.waitFor(/password: $/);
      expect(tel.bytes.includes(Buffer.concat([WILL_ECHO, bytes('password: ')]))).to.equal(true);
      tel.writeRaw(bytes(IAC, DO, TELNET_OPTION.ECHO, 's3cret\r\n'));
      await tel.waitFor(/-- welcome, alice!/);
      expect(tel.bytes.includes(Buffer.concat([WONT_ECHO, bytes('\r\n-- welcome, alice!')]))).to.equal(true);
      expect(tel.all).not.to.contain('s3cret');
      // Refusals of SGA and NAWS, then the echo offer and its withdrawal: nothing answers DO ECHO.
      expect(occurrences(tel.bytes, bytes(IAC))).to.equal(4);
    });

    it('hides the password of a telnet terminal that negotiates nothing, known by its CRLF line ends (telnet to a port other than 23)', async function () {
      const tel = await ctx.server.connect();
      await tel.waitFor(/nickname: $/);
      tel.writeRaw('dora\r\n');
      await tel.waitFor(/password: $/);
      expect(tel.bytes.includes(Buffer.concat([WILL_ECHO, bytes('password: ')]))).to.equal(true);
      tel.writeRaw('s3cret\r\n');
      await tel.waitFor(/-- welcome, dora!/);
      expect(tel.bytes.includes(Buffer.concat([WONT_ECHO, bytes('\r\n-- welcome, dora!')]))).to.equal(true);
    });

    it('never sends a telnet byte to a client that sent none (nc), at login or after', async function () {
      const nc = await ctx.server.connect();
      await nc.waitFor(/^nickname: $/);
      nc.write('carol');
      await nc.waitFor(/^password: $/);
      nc.write('pw');
      await nc.waitFor(/^-- welcome, carol!/);
      nc.write('/help');
      await nc.waitFor(/\/quit/);
      nc.write('/quit');
      await nc.waitClosed();
      expect(nc.bytes.includes(IAC)).to.equal(false);
    });
  });

  describe('line endings and character-at-a-time clients', function () {
    it('takes CRLF, LF and CR NUL as line ends, with no empty lines in between', async function () {
      const bob = await ctx.server.login('bob');
      const alice = await ctx.server.login('alice');
      alice.writeRaw('one\r\ntwo\nthree\r\0four\r\n');
      await bob.waitFor(/<alice> four$/);
      const said = bob.lines().filter((l) => l.includes('<alice>')).map((l) => l.replace(/^.*<alice> /, ''));
      expect(said).to.deep.equal(['one', 'two', 'three', 'four']);
      expect(alice.all).not.to.match(/ERROR/);
    });

    it('assembles a line typed one key per packet (Windows telnet), with backspace and DEL editing', async function () {
      const bob = await ctx.server.login('bob');
      const win = await ctx.server.login('win');
      const typed = bytes('helo', BS, BS, 'llo wx', DEL, 'orld\r\n');
      await sendInPackets(win, Array.from(typed, (key) => bytes(key)));
      expect(await bob.waitFor(/<win> /)).to.match(/<win> hello world$/);
    });
  });

  describe('UTF-8', function () {
    it('keeps Cyrillic letters and an emoji intact when their bytes are split across packets', async function () {
      const bob = await ctx.server.login('bob');
      const alice = await ctx.server.login('alice');
      const encoded = bytes('Привет 👋 мир\r\n');
      const packets: Buffer[] = [];
      // Three-byte packets cut through two-byte letters and the four-byte emoji alike.
      for (let at = 0; at < encoded.length; at += 3) packets.push(encoded.subarray(at, at + 3));
      await sendInPackets(alice, packets);
      expect(await bob.waitFor(/<alice> /)).to.match(/<alice> Привет 👋 мир$/);
    });

    it('replaces invalid UTF-8 with U+FFFD and carries on', async function () {
      const bob = await ctx.server.login('bob');
      const alice = await ctx.server.login('alice');
      alice.writeRaw(bytes('bad ', 0xc3, 0x28, ' and ', 0xfe, ' end\r\n'));
      expect(await bob.waitFor(/<alice> /)).to.match(/<alice> bad \ufffd\( and \ufffd end$/);
      alice.write('still here');
      await bob.waitFor(/<alice> still here$/);
    });
  });

  it('strips ANSI escapes and control characters before a message reaches another terminal', async function () {
    const bob = await ctx.server.login('bob');
    const alice = await ctx.server.login('alice');
    alice.write('\x1b[2J\x1b[H\x1b]0;owned\x07look \x1b[31mred\x1b[0m\x07!\x9b1m');
    alice.write('/send bob \x1b[8mhidden\x1b[28m\x07 private');
    expect(await bob.waitFor(/<alice> /)).to.match(/<alice> look red!$/);
    expect(await bob.waitFor(/<alice -> bob> /)).to.match(/<alice -> bob> hidden private$/);
    expect(bob.lines().filter((line) => TERMINAL_CONTROL.test(line))).to.deep.equal([]);
  });

  it('removes invisible characters from messages, away texts, file names and the message of the day before others see them', async function () {
    const invisible = ['\u200b', '\u200e', '\u200f', '\u061c', '\u2028', '\u2029', '\ufeff'];
    // After every character of an ASCII text, one of the invisible ones.
    const hide = (text: string): string => text.replace(/./g, (c, i: number) => c + (invisible[i % invisible.length] ?? ''));
    const server = await TestServer.start({ admins: ['alice'] });
    try {
      const bob = await server.login('bob');
      const alice = await server.login('alice');
      alice.write(hide('pay victim now'));
      alice.write(`/send bob ${hide('from victim')}`);
      alice.write(`/away ${hide('out with victim')}`);
      await alice.waitFor(/^-- you are away/);
      alice.write(`/motd ${hide('welcome victim')}`);
      const body = Buffer.from('x');
      alice.writeRaw(Buffer.concat([Buffer.from(`/upload #general ${hide('invoice.pdf')}\u202e\u200bfdp.exe ${body.length}\r\n`), body]));
      expect(await bob.waitFor(/<alice> pay/)).to.match(/<alice> pay victim now$/);
      expect(await bob.waitFor(/<alice -> bob> /)).to.match(/<alice -> bob> from victim$/);
      expect(await bob.waitFor(/sent file/)).to.match(/sent file \w+: invoice\.pdffdp\.exe \(/);
      bob.write('/whois alice');
      expect(await bob.waitFor(/away/)).to.match(/away: out with victim$/);
      bob.write('/motd');
      expect(await bob.waitFor(/^-- motd: /)).to.equal('-- motd: welcome victim');
      const shown = bob.lines().join('\n');
      for (const c of invisible) expect(shown, JSON.stringify(c)).not.to.contain(c);
    } finally {
      await server.stop();
    }
  });
});
