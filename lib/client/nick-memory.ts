import fs from 'node:fs';
import path from 'node:path';
import { makeDirectorySync } from '../util/make-directory.js';

/** Remembers the nickname of the last successful login so the client can offer it next time. */
export interface NickMemory {
  recall(): string | undefined;
  /** Stores a nickname only; there is deliberately no way to store a password here. */
  remember(nick: string): void;
}

export const LAST_NICK_FILE = 'last-nick';
const APP_DIR = 'chat-line';

/** The same shape the server's welcome line allows for a nick (see WELCOME_PATTERN). */
const NICK_SHAPE = /^[^!\s]+$/;

export interface ConfigDirContext {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homeDir: string;
}

/** `$XDG_CONFIG_HOME/chat-line`, `~/.config/chat-line`, or `%APPDATA%\chat-line` on Windows. */
export function configDir({ env, platform, homeDir }: ConfigDirContext): string {
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA || path.win32.join(homeDir, 'AppData', 'Roaming'), APP_DIR);
  }
  const xdg = env.XDG_CONFIG_HOME;
  // The XDG spec says relative values are invalid and must be ignored.
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(homeDir, '.config');
  return path.join(base, APP_DIR);
}

/** Keeps the nick in `<dir>/last-nick`; a missing or unreadable file just means "nothing remembered". */
export function fileNickMemory(dir: string): NickMemory {
  const file = path.join(dir, LAST_NICK_FILE);
  return {
    recall() {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
      const nick = text.trim();
      return NICK_SHAPE.test(nick) ? nick : undefined;
    },
    remember(nick) {
      if (!NICK_SHAPE.test(nick)) throw new Error(`not a nickname: ${JSON.stringify(nick)}`);
      makeDirectorySync(dir, 0o700);
      fs.writeFileSync(file, nick + '\n', { mode: 0o600 });
    },
  };
}
