/** An admin revokes a pipeline's token: its next gate request is refused. */
export class RevokePipelineTokenCommand {
  constructor(readonly tokenId: string) {}
}
