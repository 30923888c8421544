import { Inject, Injectable } from '@nestjs/common';
import type { SlaDefinition } from '../../../domain';
import type { Versioned } from '../../../persistence';
import { SlaPolicySet } from '../../sla-policy-set';
import type { SlaDefinitionsQuery } from './sla-definitions.query';

/** The definitions in force on this replica (reloaded when the stored revision moves). */
@Injectable()
export class SlaDefinitionsHandler {
  constructor(@Inject(SlaPolicySet) private readonly policies: SlaPolicySet) {}

  execute(_query: SlaDefinitionsQuery = {}): readonly Versioned<SlaDefinition>[] {
    return this.policies.listDefinitions();
  }
}
