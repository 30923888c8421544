/** A notification admin sends a signed test message to an endpoint and sees what it answered. */
export class TestNotificationEndpointCommand {
  constructor(
    readonly endpointId: string,
    readonly by: string,
  ) {}
}
