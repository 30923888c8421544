import { catalogueContext } from '@itsm/catalogue';
import { changeContext } from '@itsm/change';
import { cmdbContext } from '@itsm/cmdb';
import { directoryContext } from '@itsm/directory';
import { incidentContext } from '@itsm/incident';
import { notificationContext } from '@itsm/notification';
import type { ContextDeclaration } from '@itsm/platform/service';
import { reportingContext } from '@itsm/reporting';
import { slaContext } from '@itsm/sla';
import { supplierExchangeContext } from '@itsm/supplier-exchange';

/**
 * Every context of the platform, in start order: the all-in-one runs them in this order, and the
 * deploy validator (tools/deploy) checks compose, Kubernetes and the gateway's subgraphs against it.
 * The directory first (every other context's demo data names its organisations, groups and people),
 * the SLA engine next (its consumer follows the incident events the demo data produces), the CMDB
 * before the incidents (the demo incidents name its CIs), the change context after the directory and
 * the CMDB (its demo changes name their people, groups and CIs; its projections follow their streams),
 * the catalogue after the directory (its services' owners, approval and fulfilment groups are people and groups),
 * the notifications after every context whose topic they read and before the incidents (so the demo
 * incidents' events find its rules and its directory projection following), the supplier exchange
 * before the incidents too (its demo connections exist before the demo incidents assigned to a supplier), and
 * reporting before the incidents (its projection follows the demo incidents' events as they happen).
 */
export const PLATFORM_CONTEXTS: readonly ContextDeclaration[] = [directoryContext, slaContext, cmdbContext, changeContext, catalogueContext, notificationContext, supplierExchangeContext, reportingContext, incidentContext];
