import type { Notice } from '../../domain';
import { notificationContext } from '../../notification.context';
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

/**
 * The notification context booted for the preferences specs with `intake` bound as DeliveryIntake
 * (a testing override of the module's providers: the real intake is the delivery part's).
 */
export async function bootWithRecordingIntake(intake: RecordingIntake, options: BootNotificationOptions = {}): Promise<BootedNotificationContext> {
  const original = notificationContext.module.bind(notificationContext);
  const spy = jest.spyOn(notificationContext, 'module').mockImplementation((moduleOptions) => {
    const module = original(moduleOptions);
    return { ...module, providers: [...(module.providers ?? []), { provide: DeliveryIntake, useValue: intake }] };
  });
  try {
    return await bootNotificationContext(options);
  } finally {
    spy.mockRestore();
  }
}
