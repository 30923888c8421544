import type { Notice } from '../../domain';
import { bootNotificationContext } from '../../test-fixtures/booted-notification-context';
import type { BootedNotificationContext, BootNotificationOptions } from '../../test-fixtures/booted-notification-context';
import { DeliveryIntake } from '../ports';

/** A spec's stand-in for the delivery part's intake: records what it is handed (DeliveryIntake belongs to the delivery part). */
export class RecordingIntake extends DeliveryIntake {
  readonly accepted: Notice[] = [];

  accept(notices: readonly Notice[]): Promise<void> {
    this.accepted.push(...notices);
    return Promise.resolve();
  }
}

/** The notification context booted for the preferences specs with `intake` bound as DeliveryIntake. */
export function bootWithRecordingIntake(intake: RecordingIntake, options: BootNotificationOptions = {}): Promise<BootedNotificationContext> {
  return bootNotificationContext({ ...options, providers: [...(options.providers ?? []), { provide: DeliveryIntake, useValue: intake }] });
}
