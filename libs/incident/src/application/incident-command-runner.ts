import type { EventEnvelope } from '@itsm/contracts';
import { AggregateCommandRunner } from '@itsm/platform/persistence';
import type { CommandOutcome, Decision } from '@itsm/platform/persistence';
import type { Incident, IncidentCommand, IncidentEvent, Viewer } from '../domain';
import { assertMayRun, executeIncident, IncidentErrorCode } from '../domain';
import type { Clock } from './clock';
import { commandErrors } from './command-errors';
import type { IncidentStore } from './ports/incident-store.port';

/**
 * The platform's aggregate runner for incidents (INCIDENT.NOT_FOUND, INCIDENT.CONFLICT): load, check
 * the viewer may run the command on the incident as it is now, let the domain decide, and save state
 * and events in one write; a lost race is authorised and decided again on the fresh state.
 */
export class IncidentCommandRunner extends AggregateCommandRunner<Incident, IncidentEvent> {
  constructor(
    store: IncidentStore,
    private readonly clock: Clock,
    maxAttempts?: number,
  ) {
    super(store, commandErrors('incident', IncidentErrorCode.NotFound), maxAttempts);
  }

  /** Runs a domain command as the viewer. `consumed`: the event a reaction applies, recorded so a redelivery changes nothing. */
  runAs(viewer: Viewer, incidentId: string, command: IncidentCommand, consumed?: EventEnvelope): Promise<CommandOutcome<Incident>> {
    return this.run(incidentId, {
      authorise: (current) => assertMayRun(viewer, current, command),
      decide: (current) => this.decide(viewer, current, command),
      consumed,
    });
  }

  /** What the domain decides when the viewer runs the command on the incident now. */
  decide(viewer: Viewer, current: Incident, command: IncidentCommand): Decision<Incident, IncidentEvent> {
    const { incident, events } = executeIncident(current, command, { by: viewer.userId, at: this.clock.now() });
    return { aggregate: incident, events };
  }
}
