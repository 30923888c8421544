/** What a service needs, layer by layer: offerings, application services, the CIs under them. */
export class ServiceMapQuery {
  constructor(
    readonly serviceId: string,
    readonly maxDepth: number,
    readonly first: number,
  ) {}
}
