import { IntrospectAndCompose } from '@apollo/gateway';
import type { SupergraphManager, SupergraphSdlHook } from '@apollo/gateway';
import { backoffDelayMs } from '@itsm/platform/resilience';
import type { BackoffPolicy } from '@itsm/platform/resilience';
import type { SubgraphEndpoint } from './gateway-env';
import type { GatewayLogger } from './gateway-logger';
import { STARTING_SUPERGRAPH_SDL } from './starting-supergraph';

type HookOptions = Parameters<SupergraphSdlHook>[0];
type Initialized = Awaited<ReturnType<SupergraphSdlHook>>;

export interface SupergraphComposerOptions {
  readonly subgraphs: readonly SubgraphEndpoint[];
  /** How long `initialize` waits for the first composition before serving the starting supergraph. */
  readonly startupWaitMs: number;
  /** 0: no polling. */
  readonly pollIntervalMs: number;
  readonly retry: BackoffPolicy;
  readonly logger: GatewayLogger;
  /** Called once the gateway stops (breakers, readiness checks). */
  readonly onStop?: () => void;
  /** Test seam: one composition attempt. Defaults to Apollo's IntrospectAndCompose. */
  readonly createAttempt?: () => SupergraphManager;
}

/** Retry delays for composition: 250 ms doubling to 10 s, half jittered. */
export const COMPOSE_RETRY: BackoffPolicy = { baseMs: 250, maxMs: 10_000, jitter: 0.5 };

/**
 * IntrospectAndCompose that survives subgraphs starting after the gateway: a failed composition is
 * retried with capped backoff until every subgraph answers, while the gateway serves a placeholder
 * supergraph and reports not ready. Once composed, Apollo's own polling picks up schema changes.
 */
export class SupergraphComposer implements SupergraphManager {
  private composed = false;
  private stopped = false;
  private readonly stopping = new AbortController();
  private innerCleanup: (() => Promise<void>) | undefined;

  constructor(private readonly options: SupergraphComposerOptions) {}

  /** True once a supergraph of the real subgraphs is being served. */
  get ready(): boolean {
    return this.composed && !this.stopped;
  }

  async initialize(hooks: HookOptions): Promise<Initialized> {
    const first = this.composeWithRetry(hooks);
    const waited = new AbortController();
    const timeout = this.sleep(this.options.startupWaitMs, AbortSignal.any([this.stopping.signal, waited.signal]));
    const early = await Promise.race([first, timeout.then(() => undefined)]);
    waited.abort();
    if (early !== undefined) {
      this.composed = true;
      return { supergraphSdl: early, cleanup: () => this.stop() };
    }
    this.options.logger.warn('serving no schema until the subgraphs answer; readiness reports not ready');
    void first.then((sdl) => this.adopt(hooks, sdl));
    return { supergraphSdl: STARTING_SUPERGRAPH_SDL, cleanup: () => this.stop() };
  }

  private async composeWithRetry(hooks: HookOptions): Promise<string | undefined> {
    const update = (sdl: string): void => {
      if (this.ready) hooks.update(sdl);
    };
    for (let attempt = 1; !this.stopped; attempt += 1) {
      try {
        const { supergraphSdl, cleanup } = await this.attempt().initialize({ ...hooks, update });
        if (this.stopped) {
          await cleanup?.();
          return undefined;
        }
        this.innerCleanup = cleanup;
        this.options.logger.info(`supergraph composed from ${this.options.subgraphs.map((s) => s.name).join(', ')} (attempt ${attempt})`);
        return supergraphSdl;
      } catch (error: unknown) {
        const delay = backoffDelayMs(this.options.retry, attempt);
        this.options.logger.warn(`supergraph composition failed (attempt ${attempt}), retrying in ${delay} ms: ${messageOf(error)}`);
        await this.sleep(delay);
      }
    }
    return undefined;
  }

  /** Swaps the starting supergraph for the composed one, once Apollo has applied the starting one. */
  private async adopt(hooks: HookOptions, sdl: string | undefined): Promise<void> {
    for (let attempt = 1; sdl !== undefined && !this.stopped; attempt += 1) {
      // `initialize` has returned by now; Apollo applies its result synchronously when it resumes.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.stopped) return;
      try {
        hooks.update(sdl);
        this.composed = true;
        return;
      } catch (error: unknown) {
        this.options.logger.error(`could not apply the composed supergraph: ${messageOf(error)}`);
        await this.sleep(backoffDelayMs(this.options.retry, attempt));
      }
    }
  }

  private attempt(): SupergraphManager {
    if (this.options.createAttempt) return this.options.createAttempt();
    const { subgraphs, pollIntervalMs, logger } = this.options;
    return new IntrospectAndCompose({
      subgraphs: subgraphs.map(({ name, url }) => ({ name, url })),
      ...(pollIntervalMs > 0 ? { pollIntervalInMs: pollIntervalMs } : {}),
      // Startup failures are logged by composeWithRetry; a failed poll keeps the last supergraph.
      logger: {
        debug: (message: unknown) => logger.debug(message),
        info: (message: unknown) => logger.info(message),
        warn: (message: unknown) => logger.warn(message),
        error: (message: unknown) => (this.ready ? logger.warn(message) : logger.debug(message)),
      },
    });
  }

  private async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopping.abort();
    try {
      await this.innerCleanup?.();
    } finally {
      this.options.onStop?.();
    }
  }

  /** Resolves after `ms`, or at once when `signal` aborts (by default: when the composer stops). */
  private sleep(ms: number, signal: AbortSignal = this.stopping.signal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted || ms <= 0) {
        resolve();
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
