import { expect } from 'chai';
import { textWidth } from '../../lib/terminal/char-width.js';
import { TabCompleter, candidateColumns, type Completion, type CompletionSources } from '../../lib/terminal/completion.js';

const sources: CompletionSources = {
  commands: ['/send', '/say', '/schedule', '/scheduled', '/who', '/whois', '/chats', '/help'],
  nicks: ['alice', 'Alan', 'bob', 'bobby', 'bob', 'Zoë'],
  rooms: ['general', 'games', 'dev'],
  roomCommands: ['/chats', '/leave'],
};

/** `text` with `|` at the cursor, as a (text, cursor) pair. */
function at(shown: string): [string, number] {
  const index = shown.indexOf('|');
  return [shown.replace('|', ''), Array.from(shown.slice(0, index)).length];
}

function shown(completion: Completion | undefined): string | undefined {
  if (!completion) return undefined;
  const chars = Array.from(completion.text);
  chars.splice(completion.cursor, 0, '|');
  return chars.join('');
}

/** Presses Tab `times` times on the line, feeding each result back as the editor would. */
function tab(line: string, times = 1, completer = new TabCompleter(), backwards = false): (Completion | undefined)[] {
  const results: (Completion | undefined)[] = [];
  let [text, cursor] = at(line);
  for (let i = 0; i < times; i++) {
    const result = completer.complete(text, cursor, sources, backwards);
    results.push(result);
    if (result) ({ text, cursor } = result);
  }
  return results;
}

describe('TabCompleter', () => {
  describe('completes a word only one candidate fits, with a blank after it', () => {
    const cases: [string, string, string][] = [
      ['a command at the start of the line', '/he|', '/help |'],
      ['a command, ignoring case', '/HE|', '/help |'],
      ['a room after #', '/chats #gen|', '/chats #general |'],
      ['a nick after @', 'hi @ali|', 'hi @alice |'],
      ['a bare nick', '/send ali|', '/send alice |'],
      ['a nick, ignoring case and keeping its own', '/send zo|', '/send Zoë |'],
      ['a bare room after a command that takes one', '/chats ga|', '/chats games |'],
      ['a bare room after another room command, ignoring its case', '/LEAVE de|', '/LEAVE dev |'],
      ['a word in the middle of the line, keeping what follows', '/send ali| hello', '/send alice |hello'],
      ['a word right before text, adding the blank', '/send ali|hello', '/send alice |hello'],
      ['a word whose stem is a whole candidate with no other', 'yo @alice|', 'yo @alice |'],
    ];
    for (const [name, line, expected] of cases) {
      it(`completes ${name}`, () => {
        const [result] = tab(line);
        expect(shown(result)).to.equal(expected);
        expect(result?.candidates).to.deep.equal([]);
      });
    }
  });

  describe('finds nothing to complete', () => {
    const cases: [string, string][] = [
      ['an empty word', '/send |'],
      ['an empty line', '|'],
      ['a word no candidate fits', '/send carol|'],
      ['a slash word that is not the first word', 'see /he|'],
      ['a bare word after a command that takes a room, when no room fits', '/chats ali|'],
      ['a room word as the second argument of a room command', '/chats dev ga|'],
    ];
    for (const [name, line] of cases) {
      it(`for ${name}`, () => {
        expect(tab(line)).to.deep.equal([undefined]);
      });
    }
  });

  it('extends to the common prefix first and hands back the candidates to list', () => {
    const [result] = tab('/sch|');
    expect(shown(result)).to.equal('/schedule|');
    expect(result?.candidates).to.deep.equal(['/schedule', '/scheduled']);
  });

  it('keeps the case typed when extending, and sorts candidates ignoring case, each once', () => {
    const [result] = tab('/send bo|');
    expect(shown(result)).to.equal('/send bob|');
    expect(result?.candidates).to.deep.equal(['bob', 'bobby']);
    const [nicks] = tab('/send a|');
    expect(shown(nicks)).to.equal('/send al|');
    expect(nicks?.candidates).to.deep.equal(['Alan', 'alice']);
  });

  it('lists without changing the line when there is no common prefix to add', () => {
    const [result] = tab('/s|');
    expect(shown(result)).to.equal('/s|');
    expect(result?.candidates).to.deep.equal(['/say', '/schedule', '/scheduled', '/send']);
  });

  it('cycles through the candidates on each further Tab, wrapping around, listing only once', () => {
    const results = tab('/send @b| now', 5);
    expect(results.map(shown)).to.deep.equal([
      '/send @bob| now',
      '/send @bob |now',
      '/send @bobby |now',
      '/send @bob |now',
      '/send @bobby |now',
    ]);
    expect(results.map((result) => result?.candidates.length)).to.deep.equal([2, 0, 0, 0, 0]);
  });

  it('cycles backwards on Shift-Tab', () => {
    const results = tab('/s|', 4, new TabCompleter(), true);
    expect(results.map(shown)).to.deep.equal(['/s|', '/send |', '/scheduled |', '/schedule |']);
  });

  it('starts afresh when the line changed since the last Tab', () => {
    const completer = new TabCompleter();
    tab('/s|', 2, completer);
    const [result] = tab('/send ali|', 1, completer);
    expect(shown(result)).to.equal('/send alice |');
    const [again] = tab('/sch|', 1, completer);
    expect(again?.candidates).to.deep.equal(['/schedule', '/scheduled']);
  });

  it('starts afresh after reset', () => {
    const completer = new TabCompleter();
    const [first] = tab('/w|', 1, completer);
    completer.reset();
    const second = completer.complete(first!.text, first!.cursor, sources);
    expect(shown(second)).to.equal('/who|');
    expect(second?.candidates).to.deep.equal(['/who', '/whois']);
  });

  it('counts the cursor in code points, past emoji before the word', () => {
    const [result] = tab('😀 @ali|');
    expect(result).to.deep.equal({ text: '😀 @alice ', cursor: 9, candidates: [] });
  });
});

describe('candidateColumns', () => {
  const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'];

  it('lays the candidates down the columns, padded, within the width', () => {
    expect(candidateColumns(names, 30)).to.deep.equal(['alpha    delta    golf', 'bravo    echo', 'charlie  foxtrot']);
  });

  it('never fills the last column of a screen wider than the longest candidate', () => {
    for (let width = 'foxtrot'.length + 1; width <= 60; width++) {
      const lines = candidateColumns(names, width);
      expect(lines.flatMap((line) => line.trim().split(/ +/)), `width ${String(width)}`).to.have.members(names);
      for (const line of lines) expect(textWidth(line), `width ${String(width)}`).to.be.below(width);
    }
  });

  it('puts one per line when the screen is narrow, and gives nothing for no candidates', () => {
    expect(candidateColumns(['one', 'two'], 5)).to.deep.equal(['one', 'two']);
    expect(candidateColumns([], 80)).to.deep.equal([]);
  });

  it('measures wide characters by their columns', () => {
    expect(candidateColumns(['漢字', 'ab', 'cd'], 12)).to.deep.equal(['漢字  cd', 'ab']);
  });
});
