import type { FrontEnd } from '../../session/front-end.js';
import { LineSession, type LineSessionDeps } from './line-session.js';
import { EOL, errorLine } from './wire.js';

/** What the slash-command protocol needs of the server beyond what every session gets. */
export type LineShared = Pick<LineSessionDeps, 'accounts' | 'commands'>;

/** The slash-command line protocol, for telnet, nc and the chat-line client. */
export function lineFrontEnd(shared: LineShared): FrontEnd {
  return {
    bind(deps) {
      const lineDeps: LineSessionDeps = { ...deps, ...shared };
      return (id, stream, address) => {
        const session = new LineSession(id, stream, address, lineDeps);
        session.start();
        return session;
      };
    },
    refusal: (code, message) => Buffer.from(errorLine(code, message) + EOL),
  };
}
