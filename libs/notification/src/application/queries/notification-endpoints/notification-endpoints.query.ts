/** A page of the endpoints by name (`after`: the cursor key of the last one seen). */
export class NotificationEndpointsQuery {
  constructor(
    readonly first: number,
    readonly after: string | null,
  ) {}
}
