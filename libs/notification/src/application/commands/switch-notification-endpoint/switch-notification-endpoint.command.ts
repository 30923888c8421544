/** A notification admin switches an endpoint on (again: after a 410, once fixed) or off. */
export class SwitchNotificationEndpointCommand {
  constructor(
    readonly endpointId: string,
    readonly enabled: boolean,
    /** Who switches it (kept as the reason of a disabling). */
    readonly by: string,
  ) {}
}
