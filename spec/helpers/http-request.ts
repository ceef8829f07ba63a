import http from 'node:http';

export interface HttpAnswer {
  status: number;
  type: string | undefined;
  body: string;
}

/** One request to the server's HTTP endpoint on 127.0.0.1, on a connection of its own. */
export function httpRequest(port: number, path: string, method = 'GET'): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
