// A real HTTP receiver on 127.0.0.1 for webhook tests. Each request is
// answered by the next scripted behaviour (then `ok` forever): a status code,
// 'hang' (never answers: the sender times out) or 'drop' (closes the socket).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour = number | 'hang' | 'drop';

export interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** What the receiver answered (null for hang/drop). */
  readonly answered: number | null;
}

export interface Receiver {
  readonly url: string;
  readonly requests: Received[];
  /** Bodies of the requests that were answered 2xx, in arrival order. */
  accepted(): { id: string; type: string; data: unknown }[];
  script(...behaviours: Behaviour[]): void;
  close(): Promise<void>;
}

export async function startReceiver(path = '/hook'): Promise<Receiver> {
  const queue: Behaviour[] = [];
  const requests: Received[] = [];
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const b = queue.shift() ?? 200;
      if (b === 'hang') {
        requests.push({ headers: req.headers, body, answered: null });
        hanging.add(res);
        return;
      }
      if (b === 'drop') {
        requests.push({ headers: req.headers, body, answered: null });
        req.socket.destroy();
        return;
      }
      requests.push({ headers: req.headers, body, answered: b });
      res.writeHead(b, { 'content-type': 'text/plain' }).end(b < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    accepted: () => requests.filter((r) => r.answered !== null && r.answered < 300).map((r) => JSON.parse(r.body)),
    script: (...b) => void queue.push(...b),
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
