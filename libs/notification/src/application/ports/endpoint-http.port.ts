import type { EndpointAnswer } from '../../domain/endpoints';

/** One POST to an endpoint: JSON body, the headers beyond the content type. */
export interface EndpointRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/** The target resolved to a loopback, private or link-local address while those are not allowed. */
export class PrivateTargetError extends Error {
  override readonly name = 'PrivateTargetError';
}

/**
 * Posts to endpoints: answers any status (redirects are answers, never followed); rejects when no
 * answer came (unreachable, timed out, PrivateTargetError).
 */
export abstract class EndpointHttp {
  abstract post(request: EndpointRequest): Promise<EndpointAnswer>;
}
