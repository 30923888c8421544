import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import { GatewayRequestError } from './graphql-errors';
import type { GatewayError } from './graphql-errors';
import { OPERATIONS } from './operations';
import type { OperationName } from './operations';

export interface GatewayClientOptions {
  /** The bearer token every request and the WebSocket's connection_init carry. */
  readonly token: string;
  /** The gateway runs trusted documents only: send each operation's id, not its text. */
  readonly byId: boolean;
  /** Defaults to this page's origin. */
  readonly origin?: string;
}

type Variables = Readonly<Record<string, unknown>>;

/**
 * The portal's GraphQL client: queries and mutations by HTTP POST to /graphql, subscriptions over
 * graphql-ws on the same path (one socket, opened on the first subscription). With trusted documents
 * the body carries the operation's registered id (`extensions.persistedQuery.sha256Hash`) instead of its text.
 */
export class GatewayClient {
  private socket: Client | undefined;
  private open: WebSocket | undefined;
  private token: string;
  /** The live views' refetches after the socket reconnected (changes in the gap were not sent). */
  private readonly reconnected = new Set<() => void>();

  constructor(private readonly options: GatewayClientOptions) {
    this.token = options.token;
  }

  /**
   * A renewed token (OpenID Connect): the next requests carry it, and the socket restarts with it (the
   * gateway closes a socket at its connection token's expiry); the subscriptions resume on the new
   * socket and their views refetch what changed meanwhile.
   */
  setToken(token: string): void {
    if (token === this.token) return;
    this.token = token;
    // 4205: a restart graphql-ws retries (and resubscribes), not a fatal close.
    if (this.open?.readyState === WebSocket.OPEN) this.open.close(4205, 'token renewed');
  }

  private payload(name: OperationName, variables: Variables): { query: string; operationName: string; variables: Variables; extensions?: Record<string, unknown> } {
    const operation = OPERATIONS[name];
    if (!this.options.byId) return { query: operation.text, operationName: name, variables };
    return { query: '', operationName: name, variables, extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } } };
  }

  async request<T>(name: OperationName, variables: Variables = {}): Promise<T> {
    const { query, ...rest } = this.payload(name, variables);
    const response = await fetch(`${this.options.origin ?? ''}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify(this.options.byId ? rest : { query, ...rest }),
    });
    let answer: { data?: T | null; errors?: GatewayError[] };
    try {
      answer = (await response.json()) as { data?: T | null; errors?: GatewayError[] };
    } catch {
      throw new GatewayRequestError([{ message: `the gateway answered ${response.status} ${response.statusText}` }]);
    }
    if (answer.errors !== undefined && answer.errors.length > 0) throw new GatewayRequestError(answer.errors);
    if (answer.data === undefined || answer.data === null) throw new GatewayRequestError([{ message: `the gateway answered ${response.status} without data` }]);
    return answer.data;
  }

  /**
   * Follows a subscription until the returned function is called; errors go to `onError`;
   * `onReconnect` after the socket reconnected (refetch: changes while it was down were not sent).
   */
  subscribe<T>(name: OperationName, variables: Variables, onNext: (data: T) => void, onError: (error: GatewayRequestError) => void, onReconnect?: () => void): () => void {
    this.socket ??= createClient({
      url: `${(this.options.origin ?? window.location.origin).replace(/^http/, 'ws')}/graphql`,
      connectionParams: () => ({ authorization: `Bearer ${this.token}` }),
      lazy: true,
      retryAttempts: 5,
      // A restart (renewed token) reconnects at once; a lost connection backs off.
      retryWait: async (retries) => new Promise((resolve) => setTimeout(resolve, retries === 0 ? 0 : Math.min(30_000, 500 * 2 ** retries) + Math.random() * 500)),
      on: {
        opened: (socket) => {
          this.open = socket as WebSocket;
        },
        closed: () => {
          this.open = undefined;
        },
        connected: (_socket, _payload, wasRetry) => {
          if (wasRetry) for (const refetch of this.reconnected) refetch();
        },
      },
    });
    if (onReconnect !== undefined) this.reconnected.add(onReconnect);
    const stop = this.socket.subscribe<T>(this.payload(name, variables), {
      next: (message) => {
        if (message.errors !== undefined && message.errors.length > 0) onError(new GatewayRequestError(message.errors));
        else if (message.data) onNext(message.data);
      },
      error: (error: unknown) => onError(new GatewayRequestError([{ message: error instanceof Error ? error.message : 'the live connection closed' }])),
      complete: () => undefined,
    });
    return () => {
      if (onReconnect !== undefined) this.reconnected.delete(onReconnect);
      stop();
    };
  }

  async close(): Promise<void> {
    await this.socket?.dispose();
    this.socket = undefined;
  }
}
