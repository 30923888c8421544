import type { Notice, RenderedMessage } from '../../../domain';
import type { NotificationSettings } from '../../../notification-env';
import { bootNotificationContext } from '../../../test-fixtures/booted-notification-context';
import type { BootedNotificationContext } from '../../../test-fixtures/booted-notification-context';
import { DeliveryPlanner, EndpointSender, MessageRenderer } from '../../ports';
import type { DeliveryPlan, EndpointOutcome } from '../../ports';
import { DEFAULT_DELIVERY_TUNING, DELIVERY_TUNING } from '../delivery-tuning';
import type { DeliveryTuning } from '../delivery-tuning';

/** Sends everything now (the preferences part's planner is not in this part). */
class SendEverything extends DeliveryPlanner {
  planMany(notices: readonly Notice[]): Promise<DeliveryPlan[]> {
    return Promise.resolve(notices.map((): DeliveryPlan => ({ kind: 'send' })));
  }
}

/** Renders the ticket's title (the templates part's renderer is not in this part). */
class TitleRenderer extends MessageRenderer {
  render(notice: Notice, locale: string): Promise<RenderedMessage> {
    const title = notice.items[0]?.ticket.title ?? notice.key;
    return Promise.resolve({ locale, subject: `Assigned: ${title}`, text: `${title} (${locale})`, html: `<p>${title}</p>` });
  }
}

/** Answers every endpoint as sent (the endpoints part's sender is not in this part). */
class AcceptingEndpoints extends EndpointSender {
  send(): Promise<EndpointOutcome> {
    return Promise.resolve({ kind: 'sent', detail: '200' });
  }
}

/** Delivery's tuning for specs: sweeps every 100 ms, retries after 100-400 ms, leases of 5 s. */
export const SPEC_DELIVERY_TUNING: DeliveryTuning = {
  ...DEFAULT_DELIVERY_TUNING,
  sweepEveryMs: 100,
  leaseMs: 5_000,
  maxAttempts: 5,
  backoff: { baseMs: 100, maxMs: 400, jitter: 0 },
  smtp: { ...DEFAULT_DELIVERY_TUNING.smtp, connectionTimeoutMs: 1_000, greetingTimeoutMs: 1_000, socketTimeoutMs: 2_000, breaker: { ...DEFAULT_DELIVERY_TUNING.smtp.breaker, timeoutMs: 3_000 } },
};

/**
 * The notification context booted for the delivery part's specs, with spec-only providers appended
 * to its module (Nest takes the last provider of a token): the other parts' ports (planner,
 * renderer, endpoint sender), which this part uses but does not bind, and the spec tuning.
 */
export function bootDeliveryContext(settings: Partial<NotificationSettings>): Promise<BootedNotificationContext> {
  return bootNotificationContext({
    directory: false,
    settings,
    providers: [
      { provide: DeliveryPlanner, useClass: SendEverything },
      { provide: MessageRenderer, useClass: TitleRenderer },
      { provide: EndpointSender, useClass: AcceptingEndpoints },
      { provide: DELIVERY_TUNING, useValue: SPEC_DELIVERY_TUNING },
    ],
  });
}
