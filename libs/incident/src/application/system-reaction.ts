import type { EventEnvelope } from '@itsm/contracts';
import type { IncidentCommand } from '../domain';
import { IncidentError, IncidentErrorCode } from '../domain';
import type { IncidentCommandRunner } from './incident-command-runner';
import { SYSTEM_VIEWER } from './system-viewer';

/**
 * Runs a command the platform decides on its own rules in reaction to an event (recorded with the
 * write, so a redelivery changes nothing). A transition no longer possible (the incident was resolved
 * or closed meanwhile, or is gone) is skipped: the reaction is moot, not failed.
 */
export async function reactOn(incidents: IncidentCommandRunner, incidentId: string, command: IncidentCommand, cause: EventEnvelope): Promise<void> {
  try {
    await incidents.runAs(SYSTEM_VIEWER, incidentId, command, cause);
  } catch (error) {
    const moot = error instanceof IncidentError && (error.code === IncidentErrorCode.IllegalTransition || error.code === IncidentErrorCode.NotFound);
    if (!moot) throw error;
  }
}
