import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Change } from '../domain/change.model';
import { failureLookbackDays, needsMaintenanceCheck } from '../domain/risk';
import type { AffectedService, RiskFacts, RiskRule } from '../domain/risk';
import { ConfigurationItems } from './ports/change-references.port';
import type { CiView } from './ports/change-references.port';
import { MaintenanceCoverage } from './ports/maintenance-coverage.port';
import { FailedChangeHistory } from './ports/risk-stores.port';

const DAY_MS = 86_400_000;

function criticalityOf(ci: CiView): string | null {
  const value = ci.attributes['criticality'];
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : null;
}

/**
 * Gathers what the change's risk rules look at, and only what they need: the services among the
 * change's CIs and services and one relationship away (CMDB projection), the maintenance coverage of
 * its planned window (calendar), its CIs' recent failed changes (change store).
 */
@Injectable()
export class RiskFactsService {
  constructor(
    @Inject(ConfigurationItems) private readonly cis: ConfigurationItems,
    /** The calendar's; unbound, the `outside_maintenance_window` rule has nothing to match (null facts). */
    @Optional() @Inject(MaintenanceCoverage) private readonly coverage: MaintenanceCoverage | null,
    @Inject(FailedChangeHistory) private readonly history: FailedChangeHistory,
  ) {}

  async gather(change: Change, rules: readonly RiskRule[], now: Date): Promise<RiskFacts> {
    const ciIds = [...change.configurationItemIds];
    const lookback = failureLookbackDays(rules);
    const [services, outsideMaintenance, failedChanges] = await Promise.all([
      this.services([...new Set([...ciIds, ...change.serviceIds])]),
      this.coverageOf(change, ciIds, rules),
      lookback > 0 && ciIds.length > 0 ? this.history.closedFailedOn(ciIds, new Date(now.getTime() - lookback * DAY_MS), change.id) : Promise.resolve([]),
    ]);
    return { now, plannedStart: change.planned?.start ?? null, services, outsideMaintenance, failedChanges };
  }

  /** Names of the CIs outside their maintenance windows; null when unknown (no planned window, no calendar bound). */
  private async coverageOf(change: Change, ciIds: readonly string[], rules: readonly RiskRule[]): Promise<string[] | null> {
    if (change.planned === null || this.coverage === null) return null;
    if (!needsMaintenanceCheck(rules) || ciIds.length === 0) return [];
    const outside = await this.coverage.outside(ciIds, change.planned);
    const known = await this.cis.find(outside);
    return outside.map((id) => known.get(id)?.name ?? id);
  }

  /** Live service CIs named by the change, then those one relationship away (via the first CI reaching them). */
  private async services(direct: readonly string[]): Promise<AffectedService[]> {
    if (direct.length === 0) return [];
    const [named, neighbours] = await Promise.all([this.cis.find(direct), this.cis.neighbours(direct)]);
    const via = new Map<string, string>();
    for (const id of direct) {
      const near = neighbours.get(id);
      for (const other of [...(near?.parents ?? []), ...(near?.children ?? [])]) if (!direct.includes(other) && !via.has(other)) via.set(other, named.get(id)?.name ?? id);
    }
    const reached = await this.cis.find([...via.keys()]);
    const services: AffectedService[] = [];
    const add = (ci: CiView, through: string | null): void => {
      if (ci.service && !ci.retired) services.push({ id: ci.id, name: ci.name, criticality: criticalityOf(ci), via: through });
    };
    for (const id of direct) {
      const ci = named.get(id);
      if (ci !== undefined) add(ci, null);
    }
    for (const [id, through] of via) {
      const ci = reached.get(id);
      if (ci !== undefined) add(ci, through);
    }
    return services;
  }
}
