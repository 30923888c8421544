/** Every pipeline token (revoked ones included), oldest first: never the token, only who it is for. */
export class PipelineTokensQuery {}
