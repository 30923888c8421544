import { Inject, Injectable } from '@nestjs/common';
import type { SlaDefinition } from '../../../domain';
import type { Versioned } from '../../../persistence';
import { SlaCatalog } from '../../sla-catalog';
import type { SlaDefinitionsQuery } from './sla-definitions.query';

/** The definitions in force on this replica (reloaded when the stored revision moves). */
@Injectable()
export class SlaDefinitionsHandler {
  constructor(@Inject(SlaCatalog) private readonly policies: SlaCatalog) {}

  execute(_query: SlaDefinitionsQuery = {}): readonly Versioned<SlaDefinition>[] {
    return this.policies.listDefinitions();
  }
}
