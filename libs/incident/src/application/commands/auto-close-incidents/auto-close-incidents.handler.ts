import { Inject, Injectable } from '@nestjs/common';
import { IncidentError, isAutoCloseDue } from '../../../domain';
import { Clock } from '../../clock';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { INCIDENT_SETTINGS } from '../../incident.tokens';
import type { IncidentSettings } from '../../incident.tokens';
import { IncidentSelections } from '../../ports/incident-store.port';
import { SYSTEM_VIEWER } from '../../system-viewer';
import { AutoCloseIncidentsCommand } from './auto-close-incidents.command';

/** Closes every incident resolved at least `autoCloseDays` ago (as the system, `automatic: true`). */
@Injectable()
export class AutoCloseIncidentsHandler {
  constructor(
    private readonly incidents: IncidentCommandRunner,
    private readonly selections: IncidentSelections,
    private readonly clock: Clock,
    @Inject(INCIDENT_SETTINGS) private readonly settings: IncidentSettings,
  ) {}

  /** Returns how many incidents it closed. */
  async execute(command = new AutoCloseIncidentsCommand()): Promise<number> {
    const now = this.clock.now();
    const days = this.settings.autoCloseDays;
    let closed = 0;
    for (const id of await this.selections.autoCloseCandidates(new Date(now.getTime() - days * 86_400_000), command.batchSize)) {
      try {
        const outcome = await this.incidents.run(id, {
          // Reopened since it was listed, or not due after all: no events, nothing written.
          decide: (current) => (isAutoCloseDue(current, now, days) ? this.incidents.decide(SYSTEM_VIEWER, current, { kind: 'close', automatic: true }) : { aggregate: current, events: [] }),
        });
        if (outcome.changed) closed += 1;
      } catch (error) {
        // Reopened or closed by someone meanwhile: nothing left to do for this one.
        if (!(error instanceof IncidentError)) throw error;
      }
    }
    return closed;
  }
}
