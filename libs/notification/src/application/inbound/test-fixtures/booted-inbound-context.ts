import { DirectoryProjection, directoryChange, freePort } from '@itsm/platform/persistence';
import { bootContextForSpec } from '@itsm/platform/service';
import type { SpecContext } from '@itsm/platform/service';
import { DirectoryFeed, testPeers } from '@itsm/testing';
import type { Connection } from 'mongoose';
import { notificationContext } from '../../../notification.context';
import { NOTIFICATION_CONNECTION } from '../../../notification.module';
import { SPEC_NOTIFICATION_SETTINGS } from '../../../test-fixtures/booted-notification-context';
import { notificationDirectory } from '../../../test-fixtures/notification-directory';
import { DeliveryRecords } from '../../ports';

export interface BootedInboundContext extends SpecContext {
  /** The port the inbound listener took. */
  readonly inboundPort: number;
  readonly connection: Connection;
}

/**
 * The notification context with its inbound listener on a free port, the spec directory projected,
 * and `records` standing in for the delivery lane's DeliveryRecords (a Nest provider override).
 */
export async function bootInboundContext(records: DeliveryRecords): Promise<BootedInboundContext> {
  const inboundPort = await freePort();
  const declaration = {
    ...notificationContext,
    module: (options: Parameters<typeof notificationContext.module>[0]) => {
      const module = notificationContext.module(options);
      return { ...module, providers: [...(module.providers ?? []), { provide: DeliveryRecords, useValue: records }] };
    },
  };
  const booted = await bootContextForSpec(declaration, {
    mongoUrl: testPeers().mongoUrl,
    settings: { ...SPEC_NOTIFICATION_SETTINGS, inboundPort },
    probeTopics: ['itsm.notification.v1'],
  });
  const projection = booted.app.get(DirectoryProjection);
  for (const event of notificationDirectory(new DirectoryFeed())) await projection.apply(directoryChange(event, (message) => new Error(message)), event);
  return { ...booted, inboundPort, connection: booted.app.get<Connection>(NOTIFICATION_CONNECTION) };
}
