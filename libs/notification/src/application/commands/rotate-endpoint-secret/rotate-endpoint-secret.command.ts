/** Starts a webhook endpoint's secret rotation: a new secret signs alongside the current one until that is retired. */
export class RotateEndpointSecretCommand {
  constructor(readonly endpointId: string) {}
}
