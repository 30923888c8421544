import type { EndpointChannel } from '../../../domain';

/** What an admin submits: `contact` a mail address to be told about the endpoint ('' or null: none; absent: kept as it is). */
export interface NotificationEndpointInputData {
  readonly name: string;
  readonly channel: EndpointChannel;
  readonly url: string;
  readonly contact?: string | null;
}

/**
 * A notification admin creates an endpoint (`id` null; `by`, the caller's user name, becomes its
 * owner) or renames it / points it elsewhere / changes its contact (its channel and owner stay).
 */
export class SaveNotificationEndpointCommand {
  constructor(
    readonly id: string | null,
    readonly input: NotificationEndpointInputData,
    readonly by: string,
  ) {}
}
