import type { ImpactDirection } from '../../../domain';

export interface ImpactRequest {
  readonly ciIds: readonly string[];
  readonly direction: ImpactDirection;
  readonly maxDepth: number;
  readonly relationshipTypes?: readonly string[];
  readonly considerStatus: boolean;
  readonly first: number;
}

/** Downstream: what fails if these CIs fail (redundancy respected); upstream: what they need. */
export class ImpactAnalysisQuery {
  constructor(readonly request: ImpactRequest) {}
}
