import { Inject, Injectable } from '@nestjs/common';
import { lookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { EndpointAnswer } from '../domain/endpoints';
import { isPrivateAddress } from '../domain/endpoints';

import { NOTIFICATION_SETTINGS } from '../notification-env';
import type { NotificationSettings } from '../notification-env';
import { EndpointHttp, PrivateTargetError } from './ports/endpoint-http.port';
import type { EndpointRequest } from './ports/endpoint-http.port';

/** The most of an answer's body read (Slack's error word, a short reason); the rest is dropped. */
const BODY_LIMIT = 2048;

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
@Injectable()
export class NodeEndpointHttp extends EndpointHttp {
  constructor(@Inject(NOTIFICATION_SETTINGS) private readonly settings: Pick<NotificationSettings, 'allowPrivateTargets'>) {
    super();
  }

  post(request: EndpointRequest): Promise<EndpointAnswer> {
    const url = new URL(request.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(request.body), 'user-agent': 'itsm-notification', ...request.headers },
        signal: AbortSignal.timeout(request.timeoutMs),
        ...(this.settings.allowPrivateTargets ? {} : { lookup: publicOnlyLookup }),
      });
      outgoing.on('response', (response: IncomingMessage) => {
        readAnswer(response).then(resolve, reject);
      });
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
  }
}

function readAnswer(response: IncomingMessage): Promise<EndpointAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const done = () => {
      const retryAfter = response.headers['retry-after'];
      resolve({ status: response.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, body: Buffer.concat(chunks).toString('utf8').slice(0, BODY_LIMIT) });
    };
    response.on('data', (chunk: Buffer) => {
      if (length < BODY_LIMIT) chunks.push(chunk);
      length += chunk.length;
      if (length >= BODY_LIMIT) {
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    response.on('error', reject);
  });
}
