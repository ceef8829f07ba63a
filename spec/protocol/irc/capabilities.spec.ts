import { expect } from 'chai';
import fc from 'fast-check';
import { CapabilityNegotiation, type ServerCapability } from '../../../lib/protocol/irc/capabilities.js';
import { parseIrcLine, serializeIrcMessage, type ParsedIrcMessage } from '../../../lib/protocol/irc/irc-message.js';

const SERVER = 'chat.local';
const CAPS: ServerCapability[] = [
  { name: 'multi-prefix' },
  { name: 'sasl', value: 'PLAIN' },
  { name: 'server-time' },
  { name: 'cap-notify' },
  { name: 'draft/chathistory' },
  { name: 'echo-message' },
];

/** Feeds `CAP ...` lines (as a client types them) and returns the lines sent back. */
function exchange(negotiation: CapabilityNegotiation, line: string, nick?: string): string[] {
  const parsed = parseIrcLine(line) as ParsedIrcMessage;
  expect(parsed.command).to.equal('CAP');
  return negotiation.handle(nick, parsed.params).map((m) => serializeIrcMessage(m));
}

interface Step {
  send: string;
  nick?: string;
  expect: string[];
  held?: boolean;
}

const scenarios: { name: string; steps: Step[]; enabled: string[] }[] = [
  {
    name: 'CAP LS 302, REQ, END, as irssi and WeeChat do it',
    steps: [
      { send: 'CAP LS 302', expect: [':chat.local CAP * LS :multi-prefix sasl=PLAIN server-time cap-notify draft/chathistory echo-message'], held: true },
      { send: 'CAP REQ :multi-prefix sasl server-time', nick: 'alice', expect: [':chat.local CAP alice ACK :multi-prefix sasl server-time'], held: true },
      { send: 'CAP END', nick: 'alice', expect: [], held: false },
    ],
    enabled: ['cap-notify', 'multi-prefix', 'sasl', 'server-time'],
  },
  {
    name: 'CAP LS without a version: names only, no cap-notify',
    steps: [{ send: 'CAP LS', expect: [':chat.local CAP * LS :multi-prefix sasl server-time cap-notify draft/chathistory echo-message'], held: true }],
    enabled: [],
  },
  {
    name: 'a version above 302 is served as 302',
    steps: [{ send: 'CAP LS 307', expect: [':chat.local CAP * LS :multi-prefix sasl=PLAIN server-time cap-notify draft/chathistory echo-message'] }],
    enabled: ['cap-notify'],
  },
  {
    name: 'a later LS without a version gets names only but stays a 302 client',
    steps: [
      { send: 'CAP LS 302', expect: [':chat.local CAP * LS :multi-prefix sasl=PLAIN server-time cap-notify draft/chathistory echo-message'] },
      { send: 'CAP LS', expect: [':chat.local CAP * LS :multi-prefix sasl server-time cap-notify draft/chathistory echo-message'] },
      { send: 'CAP REQ -cap-notify', expect: [':chat.local CAP * NAK -cap-notify'] },
    ],
    enabled: ['cap-notify'],
  },
  {
    name: 'REQ without LS first holds registration too',
    steps: [
      { send: 'CAP REQ multi-prefix', expect: [':chat.local CAP * ACK multi-prefix'], held: true },
      { send: 'CAP END', expect: [], held: false },
    ],
    enabled: ['multi-prefix'],
  },
  {
    name: 'an unknown name refuses the whole request',
    steps: [
      { send: 'CAP REQ :multi-prefix sasl ex3', expect: [':chat.local CAP * NAK :multi-prefix sasl ex3'] },
      { send: 'CAP LIST', expect: [':chat.local CAP * LIST :'] },
    ],
    enabled: [],
  },
  {
    name: 'a value in a request is refused',
    steps: [{ send: 'CAP REQ :sasl=PLAIN', expect: [':chat.local CAP * NAK sasl=PLAIN'] }],
    enabled: [],
  },
  {
    name: 'names are case-sensitive',
    steps: [{ send: 'CAP REQ :SASL', expect: [':chat.local CAP * NAK SASL'] }],
    enabled: [],
  },
  {
    name: '-cap turns one off, and asking twice is harmless',
    steps: [
      { send: 'CAP REQ :multi-prefix echo-message', expect: [':chat.local CAP * ACK :multi-prefix echo-message'] },
      { send: 'CAP REQ :-echo-message multi-prefix -server-time', expect: [':chat.local CAP * ACK :-echo-message multi-prefix -server-time'] },
      { send: 'CAP LIST', expect: [':chat.local CAP * LIST multi-prefix'] },
    ],
    enabled: ['multi-prefix'],
  },
  {
    name: 'later words in one request win over earlier ones',
    steps: [{ send: 'CAP REQ :sasl -sasl server-time', expect: [':chat.local CAP * ACK :sasl -sasl server-time'] }],
    enabled: ['server-time'],
  },
  {
    name: 'extra spaces in the list are ignored',
    steps: [{ send: 'CAP REQ :  sasl   server-time ', expect: [':chat.local CAP * ACK :sasl server-time'] }],
    enabled: ['sasl', 'server-time'],
  },
  {
    name: 'cap-notify may be asked for, and turned off by a client that never said 302',
    steps: [
      { send: 'CAP REQ cap-notify', expect: [':chat.local CAP * ACK cap-notify'] },
      { send: 'CAP REQ -cap-notify', expect: [':chat.local CAP * ACK -cap-notify'] },
    ],
    enabled: [],
  },
  {
    name: 'lower-case subcommands',
    steps: [
      { send: 'CAP ls 302', nick: 'bob', expect: [':chat.local CAP bob LS :multi-prefix sasl=PLAIN server-time cap-notify draft/chathistory echo-message'] },
      { send: 'CAP req sasl', nick: 'bob', expect: [':chat.local CAP bob ACK sasl'] },
      { send: 'CAP list', nick: 'bob', expect: [':chat.local CAP bob LIST :cap-notify sasl'] },
      { send: 'CAP end', nick: 'bob', expect: [], held: false },
    ],
    enabled: ['cap-notify', 'sasl'],
  },
  {
    name: 'an unknown or server-only subcommand is 410',
    steps: [
      { send: 'CAP FOO', expect: [':chat.local 410 * FOO :Invalid CAP command'], held: false },
      { send: 'CAP ACK sasl', nick: 'jw', expect: [':chat.local 410 jw ACK :Invalid CAP command'] },
      { send: 'CAP REQ', nick: 'jw', expect: [':chat.local 410 jw REQ :Invalid CAP command'] },
      { send: 'CAP', nick: 'jw', expect: [':chat.local 461 jw CAP :Not enough parameters'] },
    ],
    enabled: [],
  },
  {
    name: 'CAP END with nothing negotiated changes nothing',
    steps: [{ send: 'CAP END', expect: [], held: false }],
    enabled: [],
  },
];

describe('IRC capability negotiation', function () {
  for (const { name, steps, enabled } of scenarios) {
    it(name, function () {
      const negotiation = new CapabilityNegotiation(SERVER, CAPS);
      for (const [i, step] of steps.entries()) {
        expect(exchange(negotiation, step.send, step.nick), `step ${i + 1}: ${step.send}`).to.deep.equal(step.expect);
        if (step.held !== undefined) expect(negotiation.registrationHeld, `held after step ${i + 1}`).to.equal(step.held);
      }
      expect([...negotiation.enabled].sort()).to.deep.equal([...enabled].sort());
      for (const cap of enabled) expect(negotiation.has(cap)).to.equal(true);
    });
  }

  it('answers an empty list when the server offers nothing', function () {
    expect(exchange(new CapabilityNegotiation(SERVER, []), 'CAP LS 302')).to.deep.equal([':chat.local CAP * LS :']);
  });

  it('remembers the highest version asked for', function () {
    const negotiation = new CapabilityNegotiation(SERVER, CAPS);
    exchange(negotiation, 'CAP LS 302');
    exchange(negotiation, 'CAP LS 301');
    exchange(negotiation, 'CAP LS abc');
    expect(negotiation.version).to.equal(302);
  });

  it('holds nothing and ignores CAP END once registered', function () {
    const negotiation = new CapabilityNegotiation(SERVER, CAPS);
    negotiation.registered();
    expect(exchange(negotiation, 'CAP LS 302', 'alice')).to.have.length(1);
    expect(negotiation.registrationHeld).to.equal(false);
    expect(exchange(negotiation, 'CAP REQ :echo-message', 'alice')).to.deep.equal([':chat.local CAP alice ACK echo-message']);
    expect(negotiation.registrationHeld).to.equal(false);
    expect(exchange(negotiation, 'CAP END', 'alice')).to.deep.equal([]);
    expect(negotiation.has('echo-message')).to.equal(true);
  });

  it('releases a registration held before, when it completes', function () {
    const negotiation = new CapabilityNegotiation(SERVER, CAPS);
    exchange(negotiation, 'CAP LS 302');
    negotiation.registered();
    expect(negotiation.registrationHeld).to.equal(false);
  });

  describe('lists longer than a line', function () {
    const many: ServerCapability[] = Array.from({ length: 60 }, (_, i) => ({ name: `example.org/capability-${i}`, value: `v${i}` }));

    it('sends LS over several lines with * before all but the last, to 302 clients', function () {
      const lines = exchange(new CapabilityNegotiation(SERVER, many), 'CAP LS 302');
      expect(lines.length).to.be.greaterThan(1);
      lines.forEach((line, i) => {
        expect(Buffer.byteLength(`${line}\r\n`)).to.be.at.most(512);
        expect(line.startsWith(i < lines.length - 1 ? ':chat.local CAP * LS * :' : ':chat.local CAP * LS :')).to.equal(true);
      });
      const listed = lines.flatMap((line) => (parseIrcLine(line) as ParsedIrcMessage).params.at(-1)!.split(' '));
      expect(listed).to.deep.equal(many.map((cap) => `${cap.name}=${cap.value}`));
    });

    it('sends LIST over several lines the same way', function () {
      const negotiation = new CapabilityNegotiation(SERVER, many);
      exchange(negotiation, 'CAP LS 302');
      for (const cap of many) exchange(negotiation, `CAP REQ ${cap.name}`);
      const lines = exchange(negotiation, 'CAP LIST');
      expect(lines.length).to.be.greaterThan(1);
      expect(lines.slice(0, -1).every((line) => line.startsWith(':chat.local CAP * LIST * :'))).to.equal(true);
    });

    it('never sends * to a client that did not say 302', function () {
      const lines = exchange(new CapabilityNegotiation(SERVER, many), 'CAP LS');
      expect(lines.length).to.be.greaterThan(1);
      for (const line of lines) {
        expect(line.startsWith(':chat.local CAP * LS :')).to.equal(true);
        expect(Buffer.byteLength(`${line}\r\n`)).to.be.at.most(512);
      }
    });

    it('answers a request of any length within one line', function () {
      const negotiation = new CapabilityNegotiation(SERVER, CAPS);
      const [nak, ...rest] = exchange(negotiation, `CAP REQ :${'x'.repeat(490)}`, 'a'.repeat(24));
      expect(rest).to.deep.equal([]);
      expect(Buffer.byteLength(`${nak}\r\n`)).to.be.at.most(512);
    });
  });

  it('changes nothing unless it acknowledges, and acknowledges exactly what was asked', function () {
    const names = CAPS.map((cap) => cap.name);
    const word = fc.constantFrom(...names, ...names.map((name) => `-${name}`), 'unknown', 'sasl=PLAIN');
    fc.assert(
      fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 5 }), { maxLength: 8 }), fc.boolean(), (requests, modern) => {
        const negotiation = new CapabilityNegotiation(SERVER, CAPS);
        if (modern) exchange(negotiation, 'CAP LS 302');
        for (const request of requests) {
          const before = [...negotiation.enabled].sort();
          const [reply] = exchange(negotiation, `CAP REQ :${request.join(' ')}`);
          const params = (parseIrcLine(reply!) as ParsedIrcMessage).params;
          expect(params.at(-1)).to.equal(request.join(' '));
          if (params[1] === 'NAK') expect([...negotiation.enabled].sort()).to.deep.equal(before);
          else {
            const last = new Map(request.map((w) => (w.startsWith('-') ? [w.slice(1), false] : [w, true])));
            for (const [name, on] of last) expect(negotiation.has(name)).to.equal(on);
          }
        }
      }),
    );
  });
});
