export { ImpactIndex, requiredMembers } from './impact-index';
export type {
  ImpactDirection,
  ImpactedCi,
  ImpactQuery,
  ImpactRelationshipType,
  ImpactResult,
  IndexedCi,
  IndexedRelationship,
  PathStep,
  RedundancyHeld,
  RedundancyRule,
  RedundancyState,
} from './impact.types';
