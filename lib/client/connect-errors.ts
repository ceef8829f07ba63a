/** Why a connection failed, with what to do about it, per error code. */
const CONNECT_HINTS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'is the server running?',
  ENOTFOUND: 'check the host name',
  EAI_AGAIN: 'check the host name and your network',
  ETIMEDOUT: 'check the host, the port and your network',
  EHOSTUNREACH: 'check the host and your network',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed: trust it with --ca <its certificate>, or skip the check with --insecure',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate is not trusted: pass --ca <its CA certificate>, or --insecure',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not trusted: pass --ca <its CA certificate>, or --insecure',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is for another host name',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  EPROTO: "no TLS there: is that the server's --tls-port?",
  ERR_SSL_WRONG_VERSION_NUMBER: "no TLS there: is that the server's --tls-port?",
};

export function describeConnectError(host: string, port: number, error: NodeJS.ErrnoException): string {
  const code = error.code ?? error.message;
  const hint = CONNECT_HINTS[code];
  return `chat-line: cannot connect to ${hostPort(host, port)} (${code})${hint ? ` — ${hint}` : ''}`;
}

export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
