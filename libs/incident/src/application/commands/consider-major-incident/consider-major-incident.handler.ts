import { Inject, Injectable } from '@nestjs/common';
import type { IncidentCluster } from '../../../domain';
import { majorIncidentReasons } from '../../../domain';
import { Clock } from '../../clock';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { INCIDENT_SETTINGS } from '../../incident.tokens';
import type { IncidentSettings } from '../../incident.tokens';
import { IncidentSelections, IncidentStore } from '../../ports/incident-store.port';
import { reactOn } from '../../system-reaction';
import type { ConsiderMajorIncidentCommand } from './consider-major-incident.command';

/** Proposes the incident as major when a rule matches (its priority, or a cluster on one service or CI). */
@Injectable()
export class ConsiderMajorIncidentHandler {
  constructor(
    private readonly incidents: IncidentCommandRunner,
    private readonly store: IncidentStore,
    private readonly selections: IncidentSelections,
    private readonly clock: Clock,
    @Inject(INCIDENT_SETTINGS) private readonly settings: IncidentSettings,
  ) {}

  async execute(command: ConsiderMajorIncidentCommand): Promise<void> {
    const incident = (await this.store.load(command.incidentId))?.aggregate;
    if (!incident || incident.major !== 'none') return;
    const rules = this.settings.majorIncidentRules;
    const since = new Date(this.clock.now().getTime() - rules.clusterWindowMinutes * 60_000);
    const clusters: IncidentCluster[] = [];
    for (const serviceId of incident.serviceIds) {
      clusters.push({ kind: 'service', targetId: serviceId, count: await this.selections.countActiveOn('service', serviceId, since) });
    }
    for (const ciId of incident.configurationItemIds) {
      clusters.push({ kind: 'configuration_item', targetId: ciId, count: await this.selections.countActiveOn('configuration_item', ciId, since) });
    }
    const reasons = majorIncidentReasons(incident, clusters, rules);
    if (reasons.length > 0) await reactOn(this.incidents, incident.id, { kind: 'propose-major', reasons }, command.cause);
  }
}
