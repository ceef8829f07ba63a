/**
 * The server's side of telnet option negotiation (RFC 854, 857, 860), kept to what a
 * talker needs: hiding the password as it is typed, and answering the timing mark
 * telnet sends with Ctrl+C. It is used only for a peer that has sent an IAC itself;
 * nc and the chat-line client never get a telnet byte. A telnet client that negotiates
 * nothing (BSD telnet on a port other than 23, until Ctrl+C) looks exactly like nc.
 */
import { TELNET } from './telnet-codes.js';

const { IAC, WILL, WONT, DO, DONT } = TELNET;

/** Option codes we react to. */
export const TELNET_OPTION = {
  ECHO: 1,
  TIMING_MARK: 6,
} as const;

function sequence(command: number, option: number): Buffer {
  return Buffer.from([IAC, command, option]);
}

/** "I will echo": the client stops echoing locally, and we echo nothing (a password follows). */
export const WILL_ECHO = sequence(WILL, TELNET_OPTION.ECHO);
/** "I won't echo": the client goes back to echoing what is typed. */
export const WONT_ECHO = sequence(WONT, TELNET_OPTION.ECHO);

/**
 * Decides the answer to each option request of one client. Requests to turn on an
 * option we don't offer are refused once, so a client that waits for an answer isn't
 * left waiting and one that keeps asking can't make us talk in a loop.
 */
export class TelnetNegotiation {
  private readonly refused = new Set<number>();

  /** The bytes to send back for `IAC <command> <option>`, if any. */
  answer(command: number, option: number): Buffer | undefined {
    if (command === DO && option === TELNET_OPTION.TIMING_MARK) {
      // Telnet sends this after Ctrl+C and discards our output until it is answered.
      return sequence(WILL, TELNET_OPTION.TIMING_MARK);
    }
    // DONT and WONT ask for what already holds (every option is off), and DO/DONT ECHO
    // only acknowledge the WILL/WONT ECHO we sent around the password prompt.
    if (option === TELNET_OPTION.ECHO && command !== WILL) return undefined;
    if (command !== DO && command !== WILL) return undefined;
    const key = (command << 8) | option;
    if (this.refused.has(key)) return undefined;
    this.refused.add(key);
    return sequence(command === DO ? WONT : DONT, option);
  }
}
