import { isUtf8 } from 'node:buffer';
import { ircEquals } from './casemap.js';

/**
 * The AUTHENTICATE exchange of IRCv3 SASL 3.1 for one connection, with the PLAIN
 * mechanism (RFC 4616): `AUTHENTICATE PLAIN`, the server's `AUTHENTICATE +`, then the
 * response in base64, in chunks of 400 bytes, a shorter chunk or `+` ending it. `*` aborts.
 *
 * Pure: each AUTHENTICATE gives an outcome as data, and the caller sends what it says and
 * checks the password. The outcome names the numeric to send where there is one.
 */

export const SASL_MECHANISMS = ['PLAIN'] as const;
/** Longest AUTHENTICATE parameter; exactly this long means more follows. */
export const SASL_CHUNK_BYTES = 400;
/**
 * Longest whole response, in base64. PLAIN with two 24-character nicks and a password of
 * 256 UTF-16 units (lib/auth/password.ts MAX_PASSWORD), at most 3 bytes each, is 818 bytes: 1092 in
 * base64. Four chunks leave room and refuse a client that would send on and on.
 */
export const SASL_MAX_RESPONSE = 4 * SASL_CHUNK_BYTES;

export interface PlainCredentials {
  /** The account to log in to (the authentication identity). */
  account: string;
  password: string;
}

export type SaslOutcome =
  /** Send `AUTHENTICATE +`: the client may send its response. */
  | { kind: 'continue' }
  /** A 400-byte chunk: wait for the rest, send nothing. */
  | { kind: 'more' }
  /** Check these; then call succeeded() (900 and 903) or failed() (904). */
  | ({ kind: 'credentials' } & PlainCredentials)
  /** 908 RPL_SASLMECHS with `mechanisms`, then 904: that mechanism is not offered. */
  | { kind: 'unknown-mechanism'; mechanisms: string }
  /** 904 ERR_SASLFAIL: the response was not valid base64 or not a PLAIN message, or named another user. */
  | { kind: 'failed' }
  /** 905 ERR_SASLTOOLONG. */
  | { kind: 'too-long' }
  /** 906 ERR_SASLABORTED. */
  | { kind: 'aborted' }
  /** 907 ERR_SASLALREADY: this connection has logged in already. */
  | { kind: 'already' };

type State = 'idle' | 'collecting' | 'checking' | 'done';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Reads a PLAIN message, `authzid NUL authcid NUL password`, from base64. An authorization
 * identity other than the account itself would mean acting as someone else: refused.
 */
export function decodePlain(base64: string): PlainCredentials | undefined {
  if (!BASE64.test(base64)) return undefined;
  const bytes = Buffer.from(base64, 'base64');
  if (!isUtf8(bytes)) return undefined;
  const parts = bytes.toString('utf8').split('\0');
  if (parts.length !== 3) return undefined;
  const [authzid = '', account = '', password = ''] = parts;
  if (account === '' || password === '') return undefined;
  if (authzid !== '' && !ircEquals(authzid, account)) return undefined;
  return { account, password };
}

export class SaslExchange {
  private state: State = 'idle';
  private response = '';

  /** An exchange has started and not ended (a response is being sent or checked). */
  get inProgress(): boolean {
    return this.state === 'collecting' || this.state === 'checking';
  }

  /** Logged in through SASL on this connection. */
  get authenticated(): boolean {
    return this.state === 'done';
  }

  /** Handles `AUTHENTICATE <param>`. */
  authenticate(param: string): SaslOutcome {
    if (this.state === 'done') return { kind: 'already' };
    if (param === '*') {
      this.reset();
      return { kind: 'aborted' };
    }
    switch (this.state) {
      case 'idle':
        return this.start(param);
      case 'collecting':
        return this.collect(param);
      case 'checking':
        // The client did not wait for its answer: start over rather than guess.
        this.reset();
        return { kind: 'failed' };
    }
  }

  /** The credentials were right. Returns false if the exchange was aborted meanwhile: send nothing. */
  succeeded(): boolean {
    if (this.state !== 'checking') return false;
    this.state = 'done';
    return true;
  }

  /** The credentials were wrong; the client may try again. Returns false if aborted meanwhile. */
  failed(): boolean {
    if (this.state !== 'checking') return false;
    this.reset();
    return true;
  }

  /**
   * Registration completed during an exchange: SASL 3.1 says to abort it (906) and go on
   * without an account. Returns whether there was one to abort.
   */
  abortForRegistration(): boolean {
    if (!this.inProgress) return false;
    this.reset();
    return true;
  }

  private reset(): void {
    this.state = 'idle';
    this.response = '';
  }

  private start(mechanism: string): SaslOutcome {
    if (mechanism.toUpperCase() !== 'PLAIN') return { kind: 'unknown-mechanism', mechanisms: SASL_MECHANISMS.join(',') };
    this.state = 'collecting';
    return { kind: 'continue' };
  }

  private collect(chunk: string): SaslOutcome {
    if (chunk.length > SASL_CHUNK_BYTES || this.response.length + chunk.length > SASL_MAX_RESPONSE) {
      this.reset();
      return { kind: 'too-long' };
    }
    if (chunk === '+') return this.finish();
    this.response += chunk;
    return chunk.length === SASL_CHUNK_BYTES ? { kind: 'more' } : this.finish();
  }

  private finish(): SaslOutcome {
    const credentials = decodePlain(this.response);
    if (credentials === undefined) {
      this.reset();
      return { kind: 'failed' };
    }
    this.state = 'checking';
    this.response = '';
    return { kind: 'credentials', ...credentials };
  }
}
