import { freePort } from '@itsm/platform/persistence';
import type { SpecContext } from '@itsm/platform/service';
import type { Connection } from 'mongoose';
import { NOTIFICATION_CONNECTION } from '../../../notification.module';
import { bootNotificationContext } from '../../../test-fixtures/booted-notification-context';
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
  const booted = await bootNotificationContext({ settings: { inboundPort }, providers: [{ provide: DeliveryRecords, useValue: records }] });
  return { ...booted, inboundPort, connection: booted.app.get<Connection>(NOTIFICATION_CONNECTION) };
}
