import { Injectable } from '@nestjs/common';
import { validateEscalationPolicy } from '../../../domain/escalation/escalation-policy';
import type { EscalationPolicy } from '../../../domain/escalation/escalation-policy';
import { EscalationPolicyStore } from '../../ports/on-call-stores.port';
import { OnCallDirectoryCheck } from '../on-call-directory-check';

/**
 * Creates or replaces an escalation policy: valid by the domain (INVALID_SCHEDULE), the people and
 * groups its targets name known to the directory (UNKNOWN_RECIPIENT); nothing saved on a refusal.
 * Running escalations keep the levels they started with.
 */
@Injectable()
export class SaveEscalationPolicyHandler {
  constructor(
    private readonly policies: EscalationPolicyStore,
    private readonly check: OnCallDirectoryCheck,
  ) {}

  async execute(policy: EscalationPolicy): Promise<EscalationPolicy> {
    const valid = validateEscalationPolicy(policy);
    const targets = valid.levels.flatMap((level) => level.targets);
    const people = targets.flatMap((t) => (t.kind === 'person' ? [t.personId] : []));
    const groups = targets.flatMap((t) => (t.kind !== 'person' && t.groupId !== null ? [t.groupId] : []));
    await this.check.requireKnown(people, groups);
    await this.policies.save(valid);
    return valid;
  }
}
