import type { EndpointChannel } from '../../../domain';

/** A notification admin creates an endpoint (`id` null) or renames it / points it elsewhere (its channel stays). */
export class SaveNotificationEndpointCommand {
  constructor(
    readonly id: string | null,
    readonly input: { readonly name: string; readonly channel: EndpointChannel; readonly url: string },
  ) {}
}
