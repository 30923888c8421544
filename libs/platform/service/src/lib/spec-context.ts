import { PLATFORM_TOPIC_FAMILIES, PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope, TopicDefinition } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';
import { InProcessEventBus, withEventCorrelation } from '@itsm/platform/messaging';
import { freePort } from '@itsm/platform/persistence';
import type { INestApplication } from '@nestjs/common';
import type { TObject } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startContext } from './context-app';
import type { ContextDeclaration } from './context-declaration';

const SPEC_AUTH = { issuer: 'itsm-test', audience: 'itsm-test-api' };

/** A GraphQL answer as a spec reads it. */
export interface SpecGraphqlAnswer {
  readonly data?: Record<string, { [key: string]: unknown } | null> | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string; details?: Record<string, unknown> } }[];
}

export interface SpecContextOptions<S> {
  /** The MongoDB the context's database goes to (a fresh prefix per boot). */
  readonly mongoUrl: string;
  readonly settings: S;
  /** The topics whose published envelopes `published` collects, in order. */
  readonly probeTopics: readonly string[];
  /**
   * Another boot's bus, shared (e.g. a projection rebuilt from what it retains: hold its truncation
   * first); its owner closes it. Default: a bus of the boot's own.
   */
  readonly bus?: InProcessEventBus<readonly TopicDefinition[]>;
}

/** A context booted for an integration spec, and what the spec talks to it through. */
export interface SpecContext {
  readonly app: INestApplication;
  /** The in-process bus the context consumes from and publishes on. */
  readonly bus: InProcessEventBus<readonly TopicDefinition[]>;
  /** Every envelope published on the probe topics, in order. */
  readonly published: EventEnvelope[];
  /** `http://host:port` of its HTTP server. */
  readonly baseUrl: string;
  readonly keyFile: string;
  /** A dev-key token; `org`: the organisation claim (a supplier agent's is required). */
  token(sub: string, roles: readonly Role[], org?: string): Promise<string>;
  graphql(bearer: string, query: string, variables?: Record<string, unknown>): Promise<SpecGraphqlAnswer>;
  close(): Promise<void>;
}

/**
 * Boots one context through its declaration for an integration spec, as the service kit runs it:
 * real mongoose on `mongoUrl`, the outbox relay on an in-process bus a probe group reads, dev-key
 * tokens, its HTTP port on 127.0.0.1. Contexts' spec fixtures add their projections and personas.
 */
export async function bootContextForSpec<E extends TObject, S>(declaration: ContextDeclaration<E, S>, options: SpecContextOptions<S>): Promise<SpecContext> {
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-auth-'));
  const keyFile = join(keyDir, 'dev-key.json');
  // Handlers run in the consumed event's correlation, as the service kit's own bus runs them (its events' causation).
  const bus = options.bus ?? new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS, PLATFORM_TOPIC_FAMILIES), { around: withEventCorrelation });
  const published: EventEnvelope[] = [];
  await bus.subscribe({
    group: `${declaration.name}-int-probe-${randomUUID().slice(0, 8)}`,
    topics: [...options.probeTopics],
    handle: (event) => {
      published.push(event.envelope);
      return Promise.resolve();
    },
  });
  const port = await freePort();
  const { app } = await startContext(
    declaration,
    { nodeEnv: 'test', logLevel: 'warn', mongo: { url: options.mongoUrl, dbPrefix: `it${randomUUID().slice(0, 8)}` }, auth: { source: { kind: 'dev-key', file: keyFile }, ...SPEC_AUTH }, bus },
    options.settings,
    { port, host: '127.0.0.1' },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    bus,
    published,
    baseUrl,
    keyFile,
    token: (sub, roles, org) => issueDevToken(keyFile, { sub, name: sub, roles: [...roles], ...(org === undefined ? {} : { org }) }, SPEC_AUTH),
    async graphql(bearer, query, variables = {}) {
      const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as SpecGraphqlAnswer;
    },
    async close() {
      await app.close();
      if (options.bus === undefined) await bus.close();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

/** A persona's roles and organisation claim (a supplier agent's is required). */
export interface SpecPersona {
  readonly roles: readonly Role[];
  readonly org?: string;
}

/** GraphQL as named personas, for a context's spec fixture. */
export interface SpecPersonas {
  /** GraphQL as `who`, with its persona's roles (the fallback for anyone not listed); tokens cached per persona. */
  as(who: string, query: string, variables?: Record<string, unknown>): Promise<SpecGraphqlAnswer>;
  /** The first field's data of `as`; throws with the errors when there are any. */
  ok<T>(who: string, query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** `as`/`ok` over a booted context: `personas` names who holds which roles, `fallback` everyone else's. */
export function specPersonas(context: Pick<SpecContext, 'token' | 'graphql'>, personas: Readonly<Record<string, SpecPersona>>, fallback: SpecPersona): SpecPersonas {
  const tokens = new Map<string, Promise<string>>();
  const as: SpecPersonas['as'] = async (who, query, variables = {}) => {
    let token = tokens.get(who);
    if (token === undefined) {
      const persona = personas[who] ?? fallback;
      tokens.set(who, (token = context.token(who, persona.roles, persona.org)));
    }
    return context.graphql(await token, query, variables);
  };
  const ok = async <T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const answer = await as(who, query, variables);
    if (answer.errors !== undefined) throw new Error(`${who}: ${JSON.stringify(answer.errors)}`);
    return Object.values(answer.data ?? {})[0] as T;
  };
  return { as, ok };
}
