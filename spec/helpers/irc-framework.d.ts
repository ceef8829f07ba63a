/** The part of irc-framework (npm, no types of its own) the specs use. */
declare module 'irc-framework' {
  import { EventEmitter } from 'node:events';

  export interface MessageEvent {
    type: 'privmsg' | 'notice' | 'action';
    nick: string;
    target: string;
    message: string;
    tags: Record<string, string>;
    time?: number;
  }

  export interface ConnectOptions {
    host: string;
    port: number;
    nick: string;
    username?: string;
    gecos?: string;
    password?: string;
    account?: { account?: string; password?: string };
    auto_reconnect?: boolean;
    enable_echomessage?: boolean;
    ping_interval?: number;
  }

  export class Client extends EventEmitter {
    constructor(options?: Partial<ConnectOptions>);
    connect(options?: ConnectOptions): void;
    join(channel: string): void;
    part(channel: string): void;
    say(target: string, message: string): void;
    action(target: string, message: string): void;
    quit(message?: string): void;
    raw(line: string): void;
    readonly user: { nick: string };
    network: { cap: { enabled: string[] } };
  }
}
