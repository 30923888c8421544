/** Why an inbound event was refused. These codes travel as dead-letter reasons across processes. */
export enum ContractErrorCode {
  MalformedEnvelope = 'CONTRACT.MALFORMED_ENVELOPE',
  UnknownTopic = 'CONTRACT.UNKNOWN_TOPIC',
  UnknownEventType = 'CONTRACT.UNKNOWN_EVENT_TYPE',
  InvalidPayload = 'CONTRACT.INVALID_PAYLOAD',
}

export class ContractError extends Error {
  override readonly name = 'ContractError';

  constructor(
    readonly code: ContractErrorCode,
    message: string,
    /** Field-level reasons (JSON pointer -> message), for the dead-letter record and for suppliers. */
    readonly details: readonly string[] = [],
  ) {
    super(details.length > 0 ? `${message}: ${details.join('; ')}` : message);
  }
}
