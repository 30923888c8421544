import { TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import { AuthModule } from '@itsm/platform/auth';
import { subgraphGraphQLModule } from '@itsm/platform/graphql';
import { EVENT_BUS, EventBusTransport, MessagingModule } from '@itsm/platform/messaging';
import type { EventBus } from '@itsm/platform/messaging';
import { HealthRegistry, ObservabilityModule } from '@itsm/platform/observability';
import { Module } from '@nestjs/common';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { TObject } from '@sinclair/typebox';
import type { Logger } from 'pino';
import type { ContextDeclaration, ContextHttpRoute, DemoReferences } from './context-declaration';
import type { DemoLedger } from './demo-ledger';
import type { ContextRuntime } from './service-env';
import { createServiceApp } from './service-app';
import { ServiceScopedBus } from './service-scoped-bus';

/** Everything one context's process (or app, in the all-in-one) runs: health/metrics, bus, auth, its subgraph, the context. */
@Module({})
export class ContextServiceModule {
  static forRoot<E extends TObject, S>(declaration: ContextDeclaration<E, S>, runtime: ContextRuntime, settings: S, logger: Logger): DynamicModule {
    return {
      module: ContextServiceModule,
      imports: [
        ObservabilityModule.forRoot({ serviceName: declaration.name, logLevel: runtime.logLevel, logger }),
        MessagingModule.forRoot({
          registry: new TopicRegistry([...declaration.topics.owns, ...declaration.topics.consumes], [...(declaration.topics.ownsFamilies ?? []), ...(declaration.topics.consumesFamilies ?? [])]),
          ...(runtime.kafka ? { kafka: runtime.kafka } : {}),
          ...(runtime.consumer ? { consumer: runtime.consumer } : {}),
          ...(runtime.bus ? { bus: runtime.bus } : {}),
        }),
        AuthModule.forRoot(runtime.auth),
        subgraphGraphQLModule({ nodeEnv: runtime.nodeEnv, ...declaration.subgraph }),
        declaration.module({ mongo: runtime.mongo, settings }),
      ],
    };
  }
}

export interface ContextListen {
  readonly port: number;
  /** Defaults to 0.0.0.0 (the all-in-one serves its contexts on loopback). */
  readonly host?: string;
}

export interface StartedContext {
  readonly name: string;
  readonly app: INestApplication;
  /** Its subgraph, for the gateway. */
  readonly url: string;
  /** Where it listens (`http://127.0.0.1:<port>`): its own HTTP routes. */
  readonly origin: string;
  /** Its HTTP routes outside GraphQL, as declared. */
  readonly httpRoutes: readonly ContextHttpRoute[];
  /** What its demo data named for later contexts (when it loaded demo data). */
  readonly demo: ReadonlyMap<string, string> | undefined;
  /** Closes the app as this service's work (its shutdown lines carry its name). */
  close(): Promise<void>;
}

/**
 * Builds and starts one context: HTTP (subgraph, health, metrics) on `listen`, its consumers on the
 * bus in its consumer group, and its demo data when `demo` is given (before its consumers start or
 * once it serves, as the context declares; skipped when its ledger says this store received it). Signals are the caller's (runService, the all-in-one).
 */
export async function startContext<E extends TObject, S>(
  declaration: ContextDeclaration<E, S>,
  runtime: ContextRuntime,
  settings: S,
  listen: ContextListen,
  demo?: { readonly earlier: DemoReferences; readonly ledger?: DemoLedger },
): Promise<StartedContext> {
  let seeded: ReadonlyMap<string, string> | undefined;
  const seed = async (app: INestApplication, stage: 'beforeConsumers' | 'afterStart'): Promise<void> => {
    if (demo === undefined || declaration.demo?.stage !== stage) return;
    // A store that received this context's demo data once never receives it again (restarts, deletions).
    const recorded = await demo.ledger?.loaded(declaration.name);
    if (recorded !== undefined) {
      seeded = recorded;
      return;
    }
    seeded = await declaration.demo.seed(app, demo.earlier);
    await demo.ledger?.record(declaration.name, seeded);
  };
  const started = await createServiceApp(
    {
      name: declaration.name,
      logLevel: runtime.logLevel,
      ...(runtime.logDestination ? { logDestination: runtime.logDestination } : {}),
      ownBodyPrefixes: (declaration.httpRoutes ?? []).map((route) => route.prefix),
    },
    (logger) => ContextServiceModule.forRoot(declaration, runtime, settings, logger),
    async (app, nestLogger) => {
      await app.init();
      await seed(app, 'beforeConsumers');
      const bus = new ServiceScopedBus(app.get<EventBus<readonly TopicDefinition[]>>(EVENT_BUS), nestLogger);
      const onAssignment = declaration.onAssignment?.(app);
      app.connectMicroservice(
        { strategy: new EventBusTransport(bus, { group: declaration.consumerGroup, ...(onAssignment ? { onAssignment } : {}) }) },
        { inheritAppConfig: true },
      );
      await app.startAllMicroservices();
      // A context whose projections are rebuilt from the streams is ready only once its group has read them (a new generation beside the running one).
      if (declaration.rebuildsFromDays !== undefined) {
        app.get(HealthRegistry).register({ name: 'projection-caught-up', check: () => bus.caughtUp(declaration.consumerGroup) });
      }
      await app.listen(listen.port, listen.host ?? '0.0.0.0');
      await seed(app, 'afterStart');
    },
  );
  const host = listen.host === undefined || listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host;
  return {
    name: declaration.name,
    app: started.app,
    url: `http://${host}:${listen.port}/graphql`,
    origin: `http://${host}:${listen.port}`,
    httpRoutes: declaration.httpRoutes ?? [],
    demo: seeded,
    close: () => started.asService(() => started.app.close()),
  };
}
