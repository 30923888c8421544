/** One GraphQL POST over node:http with a bearer token (bench:gateway's load child; bench:subscriptions' polling burst). */
import { request } from 'node:http';
import type { Agent } from 'node:http';

export interface Reply {
  readonly status: number;
  readonly body: string;
  /** Whether the request went over a kept-alive connection of `agent` (false: a new connection). */
  readonly reusedSocket: boolean;
}

export function post(agent: Agent, url: URL, token: string, body: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), reusedSocket: req.reusedSocket }));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}
