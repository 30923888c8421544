import { directoryChange, DirectoryProjection } from '@itsm/platform/persistence';
import type { DirectoryEvent } from '@itsm/platform/persistence';
import { bootContextForSpec, specPersonas } from '@itsm/platform/service';
import type { SpecContext, SpecPersona, SpecPersonas } from '@itsm/platform/service';
import { DirectoryFeed, testPeers } from '@itsm/testing';
import type { DynamicModule, Provider } from '@nestjs/common';
import type { NotificationSettings } from '../notification-env';
import { notificationContext } from '../notification.context';
import { notificationDirectory } from './notification-directory';
import { SPEC_NOTIFICATION_SETTINGS } from './spec-notification-settings';

export type { SpecGraphqlAnswer as GraphqlAnswer } from '@itsm/platform/service';
export { SPEC_NOTIFICATION_SETTINGS } from './spec-notification-settings';

export interface BootNotificationOptions {
  /** Project `notificationDirectory`'s people and groups (default true). */
  readonly directory?: boolean;
  /** Settings over the spec defaults (an SMTP sink's URL, private targets allowed). */
  readonly settings?: Partial<NotificationSettings>;
  /**
   * Providers appended to the context's module (Nest takes the last provider of a token): a spec's
   * stand-in for a port, a recording fake, spec tuning.
   */
  readonly providers?: readonly Provider[];
}

/** The notification context booted for an integration spec (`published`: `itsm.notification.v1`). */
export interface BootedNotificationContext extends SpecContext, SpecPersonas {
  /** Applies directory events to the context's projection, as its consumer does. */
  projectDirectory(...events: DirectoryEvent[]): Promise<void>;
}

/** `n-admin` is a notification admin, `n-supplier` a supplier agent of Fabrikam; anyone else an agent. */
const PERSONA_ROLES: Readonly<Record<string, SpecPersona>> = {
  'n-admin': { roles: ['notification-admin'] },
  'n-supplier': { roles: ['supplier-agent'], org: 'fabrikam' },
};

/** Boots the notification context on the peers with `notificationDirectory`'s people: the setup every notification integration spec shares. */
export async function bootNotificationContext(options: BootNotificationOptions = {}): Promise<BootedNotificationContext> {
  const extra = options.providers ?? [];
  const declaration: typeof notificationContext =
    extra.length === 0
      ? notificationContext
      : {
          ...notificationContext,
          module: (moduleOptions) => withProviders(notificationContext.module(moduleOptions), extra),
        };
  const booted = await bootContextForSpec(declaration, {
    mongoUrl: testPeers().mongoUrl,
    settings: { ...SPEC_NOTIFICATION_SETTINGS, ...options.settings },
    probeTopics: ['itsm.notification.v1'],
  });
  const projection = booted.app.get(DirectoryProjection);
  const projectDirectory: BootedNotificationContext['projectDirectory'] = async (...events) => {
    for (const event of events) await projection.apply(directoryChange(event, (message) => new Error(message)), event);
  };
  if (options.directory ?? true) await projectDirectory(...notificationDirectory(new DirectoryFeed()));
  return { ...booted, projectDirectory, ...specPersonas(booted, PERSONA_ROLES, { roles: ['agent'] }) };
}

/** `module` with `providers` bound after its own (and exported: the context's module is global). */
function withProviders(module: DynamicModule, providers: readonly Provider[]): DynamicModule {
  const tokens = providers.map((p) => ('provide' in p ? p.provide : p));
  return { ...module, providers: [...(module.providers ?? []), ...providers], exports: [...(module.exports ?? []), ...tokens] };
}
