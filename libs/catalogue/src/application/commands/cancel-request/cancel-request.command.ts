/** Who ordered the request (or the person it is for) withdraws it. */
export class CancelRequestCommand {
  constructor(
    readonly requestId: string,
    readonly reason: string | null = null,
  ) {}
}
