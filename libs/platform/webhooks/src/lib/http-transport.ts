import { lookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from './private-address';

/** One POST: the body and the headers beyond content type and length, abandoned after timeoutMs. */
export interface HttpTransportRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/** What a target answered: any status (redirects are answers, never followed), the first bytes of its body. */
export interface HttpAnswer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: string;
}

/** The target resolved to a loopback, private or link-local address while those are not allowed. */
export class PrivateTargetError extends Error {
  override readonly name = 'PrivateTargetError';
}

/**
 * Posts to a target: answers any status; rejects when no answer came (unreachable, timed out,
 * PrivateTargetError). An abstract class so a Nest module can use it as its injection token.
 */
export abstract class HttpTransport {
  abstract post(request: HttpTransportRequest): Promise<HttpAnswer>;
}

export interface NodeHttpTransportOptions {
  /** Tests and the all-in-one post to loopback receivers; production never does. */
  readonly allowPrivateTargets: boolean;
  readonly userAgent: string;
  /** The most of an answer's body read (a short reason); the rest is dropped. */
  readonly bodyLimitBytes?: number;
}

const DEFAULT_BODY_LIMIT = 2048;

/**
 * A DNS lookup that refuses names resolving to a loopback, private or link-local address: the address
 * checked is the one connected to, so a name re-pointed between check and call (DNS rebinding) is caught.
 */
const publicOnlyLookup = ((hostname: string, options: LookupOptions, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
  lookup(hostname, { ...options }, (error: Error | null, address: string | LookupAddress[], family?: number) => {
    if (error) return callback(error, address, family);
    const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
    const refused = addresses.find(isPrivateAddress);
    if (refused !== undefined) return callback(new PrivateTargetError(`${hostname} resolves to ${refused}, a private address`), address, family);
    callback(null, address, family);
  });
}) as unknown as LookupFunction;

/** Posts with node:http(s): no redirects followed, a timeout on the whole exchange, the answer's first bytes read. */
export class NodeHttpTransport extends HttpTransport {
  constructor(private readonly options: NodeHttpTransportOptions) {
    super();
  }

  post(request: HttpTransportRequest): Promise<HttpAnswer> {
    return this.attempt(request, true);
  }

  /**
   * One request. A kept-alive connection the server closed just as the request went out fails it with
   * ECONNRESET on a reused socket (Node's documented race): that request is sent once more at once, on
   * a new connection, rather than waiting out a retry backoff (a receiver dedupes on `webhook-id`).
   */
  private attempt(request: HttpTransportRequest, mayResendOnStaleSocket: boolean): Promise<HttpAnswer> {
    const url = new URL(request.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const limit = this.options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
    return new Promise((resolve, reject) => {
      const outgoing = send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(request.body), 'user-agent': this.options.userAgent, ...request.headers },
        signal: AbortSignal.timeout(request.timeoutMs),
        ...(this.options.allowPrivateTargets ? {} : { lookup: publicOnlyLookup }),
      });
      outgoing.on('response', (response: IncomingMessage) => {
        readAnswer(response, limit).then(resolve, reject);
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (mayResendOnStaleSocket && outgoing.reusedSocket && error.code === 'ECONNRESET') this.attempt(request, false).then(resolve, reject);
        else reject(error);
      });
      outgoing.end(request.body);
    });
  }
}

function readAnswer(response: IncomingMessage, limit: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const done = () => {
      const retryAfter = response.headers['retry-after'];
      resolve({ status: response.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, body: Buffer.concat(chunks).toString('utf8').slice(0, limit) });
    };
    response.on('data', (chunk: Buffer) => {
      if (length < limit) chunks.push(chunk);
      length += chunk.length;
      if (length >= limit) {
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    response.on('error', reject);
  });
}
