/** Ends a rotation's overlap: the named secret stops signing (the endpoint keeps at least one). */
export class RetireEndpointSecretCommand {
  constructor(
    readonly endpointId: string,
    readonly secretId: string,
  ) {}
}
