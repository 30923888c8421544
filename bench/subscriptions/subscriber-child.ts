/**
 * The client side of bench:subscriptions, its own process (forked): one graphql-ws connection per
 * token (each authenticated by its own connection_init), each subscribed to the bench incident's
 * changes; per change, when each subscriber's checked answer arrived (shared clock); per burst, the
 * same viewers' equivalent HTTP query at once, each answer's latency from the burst's start.
 */
import { post } from '@itsm/bench-kit';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import type { ChildMessage, Failures, ParentMessage } from './subscriber-protocol';
import { sharedNow } from './subscriber-protocol';

type Start = Extract<ParentMessage, { kind: 'start' }>;

const CONNECT_TIMEOUT_MS = 120_000;

/** Failures since the last report: counted, the first few distinct reasons kept. */
class FailureLog {
  private count = 0;
  private samples = new Map<string, number>();

  add(reason: string): void {
    this.count++;
    const key = reason.slice(0, 300);
    if (this.samples.has(key) || this.samples.size < 5) this.samples.set(key, (this.samples.get(key) ?? 0) + 1);
  }

  take(): Failures {
    const taken = { count: this.count, samples: [...this.samples] };
    this.count = 0;
    this.samples = new Map();
    return taken;
  }
}

/** A GraphQL answer as it arrives (over WebSocket or HTTP). */
interface Answer {
  readonly data?: Readonly<Record<string, unknown>> | null;
  readonly errors?: readonly { readonly message?: string; readonly extensions?: { readonly code?: unknown } }[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** undefined when `result.data[field]` is the bench incident with its SLA clocks and affected services; else why not. */
function problemOf(result: Answer, field: string, incidentId: string): string | undefined {
  const error = result.errors?.[0];
  if (error) return `${field}: ${String(error.extensions?.code ?? 'NO_CODE')}: ${error.message ?? ''}`;
  const incident = result.data?.[field];
  const ok = isObject(incident) && incident['id'] === incidentId && Array.isArray(incident['slas']) && Array.isArray(incident['affectedServices']);
  return ok ? undefined : `${field}: expected incident ${incidentId} with slas and affectedServices: ${JSON.stringify(result).slice(0, 200)}`;
}

const failures = new FailureLog();
const clients: Client[] = [];
let closing = false;
let arrivals: (number | null)[] = [];
let arrived = 0;
let extra = 0;
let allArrived: (() => void) | undefined;

function onChange(index: number, result: Answer, incidentId: string): void {
  const at = sharedNow();
  const problem = problemOf(result, 'incidentChanged', incidentId);
  if (problem !== undefined) return failures.add(problem);
  if (arrivals[index] !== null) {
    extra++;
    return;
  }
  arrivals[index] = at;
  if (++arrived === arrivals.length) allArrived?.();
}

function arm(): void {
  arrivals = clients.map(() => null);
  arrived = 0;
  extra = 0;
}

async function connect(start: Start): Promise<ChildMessage> {
  const began = performance.now();
  let connected = 0;
  let refused = 0;
  let settled: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (settled = resolve));
  const tally = (): void => {
    if (connected + refused >= start.tokens.length) settled();
  };
  start.tokens.forEach((token, index) => {
    let open = false;
    const client = createClient({
      url: start.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      on: {
        connected: () => {
          open = true;
          connected++;
          tally();
        },
        closed: (event) => {
          if (closing) return;
          const { code, reason } = event as { code?: number; reason?: string };
          failures.add(`connection closed${open ? '' : ' before it was acknowledged'}: ${code ?? '?'} ${reason ?? ''}`);
          if (open) return;
          refused++;
          tally();
        },
      },
    });
    clients.push(client);
    client.subscribe<Record<string, unknown>>(
      { query: start.subscription },
      {
        next: (result) => onChange(index, result, start.incidentId),
        error: (error: unknown) => failures.add(`subscription error: ${error instanceof Error ? error.message : JSON.stringify(error)}`),
        complete: () => {
          if (!closing) failures.add('subscription completed by the gateway');
        },
      },
    );
  });
  arm();
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, CONNECT_TIMEOUT_MS))]);
  return { kind: 'connected', connected, connectMs: performance.now() - began, failures: failures.take() };
}

async function collect(timeoutMs: number): Promise<ChildMessage> {
  if (arrived < arrivals.length) {
    await Promise.race([new Promise<void>((resolve) => (allArrived = resolve)), new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
    allArrived = undefined;
  }
  return { kind: 'arrivals', arrivals: [...arrivals], extra, failures: failures.take() };
}

/** One kept-alive connection per viewer, as each polling portal keeps its own. */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: Infinity });

/**
 * Opens (or keeps) every viewer's connection before a burst, unmeasured (GET /health/live): the
 * gateway closes idle ones after 5 s, and N connects at once would measure its listen backlog
 * (SYNs dropped past 511 wait a second) rather than its answers. A kept connection the gateway
 * closes as it is reused (ECONNRESET) is opened again.
 */
async function openConnections(httpUrl: string, viewers: number): Promise<void> {
  const url = new URL('/health/live', httpUrl);
  const live = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      request(url, { agent }, (res) => res.resume().on('end', resolve).on('error', reject))
        .on('error', reject)
        .end();
    });
  await Promise.all(Array.from({ length: viewers }, () => live().catch(live)));
}

async function burst(start: Start): Promise<ChildMessage> {
  const url = new URL(start.httpUrl);
  const body = JSON.stringify({ query: start.query, variables: { id: start.incidentId } });
  await openConnections(start.httpUrl, start.tokens.length);
  let newConnections = 0;
  const began = performance.now();
  const latencies = await Promise.all(
    start.tokens.map(async (token) => {
      try {
        const reply = await post(agent, url, token, body);
        if (!reply.reusedSocket) newConnections++;
        const problem = reply.status === 200 ? problemOf(JSON.parse(reply.body) as Answer, 'incident', start.incidentId) : `HTTP ${reply.status} ${reply.body.slice(0, 200)}`;
        if (problem === undefined) return performance.now() - began;
        failures.add(problem);
      } catch (error: unknown) {
        failures.add(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
      return null;
    }),
  );
  return { kind: 'burst', latencies, newConnections, failures: failures.take() };
}

let started: Start | undefined;

async function answer(message: ParentMessage): Promise<ChildMessage> {
  switch (message.kind) {
    case 'start':
      started = message;
      return connect(message);
    case 'arm': {
      const clockGapMs = sharedNow() - message.sentAt;
      arm();
      return { kind: 'armed', clockGapMs };
    }
    case 'collect':
      return collect(message.timeoutMs);
    case 'burst':
      if (!started) throw new Error('burst before start');
      return burst(started);
  }
}

process.on('message', (message: ParentMessage) => {
  answer(message).then(
    (reply) => process.send?.(reply),
    (error: unknown) => {
      console.error('subscriber child:', error);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => {
  closing = true;
  agent.destroy();
  void Promise.all(clients.map((client) => client.dispose())).finally(() => process.exit(0));
});
