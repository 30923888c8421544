import { SlaError, SlaErrorCode } from '../../domain';
import type { SlaPolicyStore } from '../../persistence';
import type { SlaPolicySet } from '../sla-policy-set';

type PolicyKind = 'calendar' | 'definition';

/** A save names the version it was based on (0 = new): anything else than the stored one is a conflict. */
export function assertExpectedVersion(kind: PolicyKind, id: string, stored: number, expected: number): void {
  if (!Number.isInteger(expected) || expected < 0) throw new SlaError(SlaErrorCode.InvalidInput, 'expectedVersion must be 0 (new) or the version read');
  if (stored !== expected) throw policyConflict(kind, id);
}

export function policyConflict(kind: PolicyKind, id: string): SlaError {
  return new SlaError(SlaErrorCode.Conflict, `The ${kind} "${id}" was changed by someone else (or already exists); read it again`, { id });
}

/** A saved change bumps the revision: every replica reloads and re-derives its open tickets' clocks (this one at once). */
export async function policiesChanged(store: SlaPolicyStore, policies: SlaPolicySet): Promise<void> {
  await store.bumpRevision();
  await policies.refresh();
}
