/** An admin issues a bearer token for one deployment pipeline; answered once, stored hashed. */
export class IssuePipelineTokenCommand {
  constructor(
    readonly by: string,
    readonly name: string,
  ) {}
}
