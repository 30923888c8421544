/** Templates by name (then id), saved and built-in, one page after a sort key. */
export class NotificationTemplatesQuery {
  constructor(
    readonly first: number,
    readonly after: string | null,
  ) {}
}
