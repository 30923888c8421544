import { Inject, Injectable } from '@nestjs/common';
import { IncidentError, isAutoCloseDue } from '../../../domain';
import { IncidentRepository } from '../../../persistence/incident.repository';
import { Clock } from '../../clock';
import { INCIDENT_SETTINGS } from '../../incident-tokens';
import type { IncidentSettings } from '../../incident-tokens';
import { SYSTEM_VIEWER } from '../../system-viewer';
import { RunIncidentCommandHandler } from '../run-incident-command/run-incident-command.handler';

/** Closes every incident resolved at least `autoCloseDays` ago (as the system, `automatic: true`). */
@Injectable()
export class AutoCloseIncidentsHandler {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly commands: RunIncidentCommandHandler,
    private readonly clock: Clock,
    @Inject(INCIDENT_SETTINGS) private readonly settings: IncidentSettings,
  ) {}

  /** Returns how many incidents it closed. */
  async execute(): Promise<number> {
    const now = this.clock.now();
    const before = new Date(now.getTime() - this.settings.autoCloseDays * 86_400_000);
    let closed = 0;
    for (const id of await this.incidents.autoCloseCandidates(before, 500)) {
      const incident = (await this.incidents.load(id))?.aggregate;
      if (!incident || !isAutoCloseDue(incident, now, this.settings.autoCloseDays)) continue;
      try {
        await this.commands.execute(SYSTEM_VIEWER, id, { kind: 'close', automatic: true });
        closed += 1;
      } catch (error) {
        // Reopened or closed by someone meanwhile: nothing left to do for this one.
        if (!(error instanceof IncidentError)) throw error;
      }
    }
    return closed;
  }
}
