import type { NotificationEndpoint } from '../domain/endpoints';

/** An endpoint with the signing secret just issued (creating a webhook, rotating): shown this once, never readable again. */
export interface EndpointWithNewSecret {
  readonly endpoint: NotificationEndpoint;
  readonly secret: string | null;
}
