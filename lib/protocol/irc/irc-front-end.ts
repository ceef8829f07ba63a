import type { FrontEnd } from '../../session/front-end.js';
import { IRC_SERVER_NAME } from './irc-identity.js';
import { serializeIrcMessage } from './irc-message.js';
import { IrcSession, type IrcSessionDeps } from './irc-session.js';

/** What the IRC protocol needs of the server beyond what every session gets. */
export type IrcShared = Pick<IrcSessionDeps, 'accounts' | 'commands'>;

/** The IRC client protocol (`--irc-port`), for irssi, WeeChat, HexChat and bots, on the same chat. */
export function ircFrontEnd(shared: IrcShared): FrontEnd {
  return {
    bind(deps) {
      const ircDeps: IrcSessionDeps = { ...deps, ...shared };
      return (id, stream, address) => {
        const session = new IrcSession(id, stream, address, ircDeps);
        session.start();
        return session;
      };
    },
    refusal: (code, message) => Buffer.from(serializeIrcMessage({ source: IRC_SERVER_NAME, command: 'ERROR', params: [`Closing link: ${code}: ${message}`] }) + '\r\n'),
  };
}
