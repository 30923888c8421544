import { HttpTransport } from './http-transport';
import type { HttpAnswer, HttpTransportRequest } from './http-transport';

/** A test double (exported for other contexts' specs, as ManualTime is): an HttpTransport for unit specs: answers queued per call (an Error rejects, 'hang' never settles), 200 once empty; keeps what it was asked. */
export class ScriptedHttpTransport extends HttpTransport {
  readonly requests: HttpTransportRequest[] = [];
  private readonly script: (HttpAnswer | Error | 'hang')[] = [];

  /** Queues answers: a number is that status with no body. */
  answer(...answers: (number | HttpAnswer | Error | 'hang')[]): void {
    this.script.push(...answers.map((a) => (typeof a === 'number' ? { status: a, retryAfter: null, body: '' } : a)));
  }

  async post(request: HttpTransportRequest): Promise<HttpAnswer> {
    this.requests.push(request);
    const next = this.script.shift() ?? { status: 200, retryAfter: null, body: 'ok' };
    if (next === 'hang') return new Promise<HttpAnswer>(() => undefined);
    if (next instanceof Error) throw next;
    return next;
  }
}
