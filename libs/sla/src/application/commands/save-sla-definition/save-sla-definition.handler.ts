import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import type { SlaDefinition } from '../../../domain';
import { validateDefinition } from '../../../domain';
import type { Versioned } from '../../../persistence';
import { SlaPolicyStore } from '../../../persistence';
import { SlaPolicySet } from '../../sla-policy-set';
import { assertExpectedVersion, policiesChanged, policyConflict } from '../sla-policy-writes';
import type { SaveSlaDefinitionCommand } from './save-sla-definition.command';

/**
 * Validates the definition (its calendar must exist) before anything is written; a save based on
 * another version than the stored one loses with SLA.CONFLICT. Open tickets' clocks are re-derived
 * on every replica once it is saved.
 */
@Injectable()
export class SaveSlaDefinitionHandler {
  constructor(
    @Inject(SlaPolicyStore) private readonly store: SlaPolicyStore,
    @Inject(SlaPolicySet) private readonly policies: SlaPolicySet,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ by, definition, expectedVersion }: SaveSlaDefinitionCommand): Promise<Versioned<SlaDefinition>> {
    const valid = validateDefinition(definition, this.policies.hasCalendar);
    assertExpectedVersion('definition', valid.id, this.policies.definition(valid.id)?.version ?? 0, expectedVersion);
    const at = this.clock.now();
    if (!(await this.store.saveDefinition(valid, expectedVersion, by, at))) throw policyConflict('definition', valid.id);
    await policiesChanged(this.store, this.policies);
    return { value: valid, version: expectedVersion + 1, updatedBy: by, updatedAt: at };
  }
}
