/** A deployment pipeline allowed to ask the gate, with its own bearer token (only the token's hash is kept). */
export interface PipelineToken {
  readonly id: string;
  /** Which pipeline it is ("payments deploy", a repository): logged with every answer. */
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

/** Every pipeline token starts so (secret scanners and logs recognise it). */
export const PIPELINE_TOKEN_PREFIX = 'itsm_gate_';
