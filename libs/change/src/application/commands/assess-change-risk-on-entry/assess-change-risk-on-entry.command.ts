import type { changeTopic, EventOf } from '@itsm/contracts';

/** A change event the context reacts to: entering Assess (or Authorize straight from New: emergency changes) assesses its risk. */
export class AssessChangeRiskOnEntryCommand {
  constructor(readonly envelope: EventOf<typeof changeTopic>) {}
}
