import { decideApproval, startApproval } from '@itsm/approval';
import type { ApprovalPlan, ApprovalProcess, DecideApproval, ResolvedApprovers } from '@itsm/approval';
import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';
import type { PortfolioDecision, PortfolioEvent } from './portfolio.events';

export const SERVICE_KINDS = ['business', 'technical'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const SERVICE_LIFECYCLES = ['pipeline', 'live', 'retired'] as const;
export type ServiceLifecycle = (typeof SERVICE_LIFECYCLES)[number];

/** What is offered to whom, supported by which group, measured by which SLA definitions. */
export interface ServiceOffering {
  readonly offeringId: string;
  readonly name: string;
  readonly availability: string;
  readonly supportGroupId: string | null;
  readonly slaDefinitionIds: readonly string[];
  /**
   * The customer organisations the offering is delivered to: only their people see and order the
   * items of the offering (besides their entitlement). Empty: no restriction by organisation.
   */
  readonly customerOrgIds: readonly string[];
}

/** Whether the offering serves a person of `organisationId` (an offering without customers serves everyone). */
export function offeringServes(offering: Pick<ServiceOffering, 'customerOrgIds'>, organisationId: string | null): boolean {
  return offering.customerOrgIds.length === 0 || (organisationId !== null && offering.customerOrgIds.includes(organisationId));
}

export interface ServiceDetails {
  readonly name: string;
  readonly kind: ServiceKind;
  readonly ownerId: string;
  readonly configurationItemIds: readonly string[];
  readonly offerings: readonly ServiceOffering[];
}

/** A business or technical service through its portfolio lifecycle, with its go-live approval (null until asked). */
export interface PortfolioService extends ServiceDetails {
  readonly id: string;
  readonly lifecycle: ServiceLifecycle;
  readonly approval: ApprovalProcess | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** An offering as given (untrusted). */
export interface ServiceOfferingInput {
  readonly offeringId: string;
  readonly name: string;
  readonly availability: string;
  readonly supportGroupId?: string | null;
  readonly slaDefinitionIds?: readonly string[] | null;
  readonly customerOrgIds?: readonly string[] | null;
}

/** What an admin or owner gives (untrusted). */
export interface ServiceDetailsInput {
  readonly name: string;
  readonly kind: string;
  readonly ownerId: string;
  readonly configurationItemIds?: readonly string[] | null;
  readonly offerings?: readonly ServiceOfferingInput[] | null;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;
const LIMITS = { name: 200, availability: 200, offerings: 100, configurationItems: 100, slaDefinitions: 50, customers: 500 } as const;

function invalid(field: string, message: string, extra: Record<string, string> = {}) {
  return catalogueError(CatalogueErrorCode.InvalidInput, message, { field, ...extra });
}

function text(value: string, field: string, max: number): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed.length === 0 || trimmed.length > max) throw invalid(field, `${field} must be 1 to ${max} characters`);
  return trimmed;
}

function ids(values: readonly string[] | null | undefined, field: string, max: number): string[] {
  const given = values ?? [];
  if (given.length > max) throw invalid(field, `${field} may list at most ${max} ids`);
  const bad = given.find((value) => !ID.test(value));
  if (bad !== undefined) throw invalid(field, `${field} holds a malformed id`, { value: String(bad) });
  return [...new Set(given)];
}

function offering(input: ServiceOfferingInput, index: number): ServiceOffering {
  const at = `offerings[${index}]`;
  if (!ID.test(input.offeringId)) throw invalid(`${at}.offeringId`, 'offeringId is malformed', { value: String(input.offeringId) });
  const supportGroupId = input.supportGroupId ?? null;
  if (supportGroupId !== null && !ID.test(supportGroupId)) throw invalid(`${at}.supportGroupId`, 'supportGroupId is malformed', { value: supportGroupId });
  return {
    offeringId: input.offeringId,
    name: text(input.name, `${at}.name`, LIMITS.name),
    availability: text(input.availability, `${at}.availability`, LIMITS.availability),
    supportGroupId,
    slaDefinitionIds: ids(input.slaDefinitionIds, `${at}.slaDefinitionIds`, LIMITS.slaDefinitions),
    customerOrgIds: ids(input.customerOrgIds, `${at}.customerOrgIds`, LIMITS.customers),
  };
}

/** A service's details at save (the caller checks the owner, CIs, groups and organisations exist). CATALOGUE.INVALID_INPUT names the field. */
export function checkServiceDetails(input: ServiceDetailsInput): ServiceDetails {
  if (!(SERVICE_KINDS as readonly string[]).includes(input.kind)) throw invalid('kind', `kind must be one of ${SERVICE_KINDS.join(', ')}`, { value: String(input.kind) });
  if (!ID.test(input.ownerId)) throw invalid('ownerId', 'ownerId is malformed', { value: String(input.ownerId) });
  const offerings = input.offerings ?? [];
  if (offerings.length > LIMITS.offerings) throw invalid('offerings', `a service has at most ${LIMITS.offerings} offerings`);
  const checked = offerings.map(offering);
  const seen = new Set<string>();
  for (const o of checked) {
    if (seen.has(o.offeringId)) throw invalid('offerings', `two offerings share the id ${o.offeringId}`, { value: o.offeringId });
    seen.add(o.offeringId);
  }
  return {
    name: text(input.name, 'name', LIMITS.name),
    kind: input.kind as ServiceKind,
    ownerId: input.ownerId,
    configurationItemIds: ids(input.configurationItemIds, 'configurationItemIds', LIMITS.configurationItems),
    offerings: checked,
  };
}

/** The service's details and lifecycle as plain, unshared data (events and read models carry it). */
export function serviceSnapshot(s: PortfolioService) {
  return {
    name: s.name,
    kind: s.kind,
    lifecycle: s.lifecycle,
    ownerId: s.ownerId,
    configurationItemIds: [...s.configurationItemIds],
    offerings: s.offerings.map((o) => ({ ...o, slaDefinitionIds: [...o.slaDefinitionIds], customerOrgIds: [...o.customerOrgIds] })),
  };
}

function facts(s: PortfolioService, by: string, now: Date) {
  return { serviceId: s.id, ...serviceSnapshot(s), by, at: now.toISOString() };
}

export function createService(id: string, details: ServiceDetails, by: string, now: Date): PortfolioDecision<PortfolioService> {
  const service: PortfolioService = { ...details, id, lifecycle: 'pipeline', approval: null, createdAt: now, updatedAt: now };
  return { aggregate: service, events: [{ type: 'itsm.service.created.v1', data: facts(service, by, now) }] };
}

const COMPARED: readonly (keyof ServiceDetails)[] = ['name', 'kind', 'ownerId', 'configurationItemIds', 'offerings'];

/** New details; nothing changed: no event. A retired service is not edited. */
export function updateService(service: PortfolioService, details: ServiceDetails, by: string, now: Date): PortfolioDecision<PortfolioService> {
  if (service.lifecycle === 'retired') throw illegal(service, 'edited');
  const changed = COMPARED.filter((field) => JSON.stringify(service[field]) !== JSON.stringify(details[field]));
  if (changed.length === 0) return { aggregate: service, events: [] };
  const next: PortfolioService = { ...service, ...details, updatedAt: now };
  return { aggregate: next, events: [{ type: 'itsm.service.updated.v1', data: { ...facts(next, by, now), changed: [...changed] } }] };
}

function illegal(service: PortfolioService, verb: string) {
  return catalogueError(CatalogueErrorCode.IllegalTransition, `Service ${service.id} (${service.lifecycle}) cannot be ${verb}.`, { serviceId: service.id, lifecycle: service.lifecycle });
}

function lifecycleChanged(service: PortfolioService, to: ServiceLifecycle, reason: string | null, by: string, now: Date): PortfolioDecision<PortfolioService> {
  const next: PortfolioService = { ...service, lifecycle: to, updatedAt: now };
  return { aggregate: next, events: [{ type: 'itsm.service.lifecycle-changed.v1', data: { ...facts(next, by, now), previousLifecycle: service.lifecycle, reason } }] };
}

function requested(service: PortfolioService, process: ApprovalProcess, opened: readonly number[], by: string, now: Date): PortfolioEvent[] {
  return opened.map((index) => {
    const level = process.levels[index];
    if (level === undefined) throw new RangeError(`no level ${index}`);
    return { type: 'itsm.service.approval-requested.v1', data: { ...facts(service, by, now), level: index, levelName: level.name, approverIds: [...level.approverIds] } };
  });
}

/**
 * A pipeline service asks to go live: the portfolio-steering plan (the applying policies, "run all")
 * with its resolved approvers. No level to ask: live at once. Asking again while a process is
 * pending is CATALOGUE.CONFLICT; after a rejection a new process starts.
 */
export function requestGoLive(service: PortfolioService, plan: ApprovalPlan, approvers: ResolvedApprovers, by: string, now: Date): PortfolioDecision<PortfolioService> {
  if (service.lifecycle !== 'pipeline') throw illegal(service, 'proposed to go live');
  if (service.approval?.outcome === 'pending') throw catalogueError(CatalogueErrorCode.Conflict, `Service ${service.id} already waits for its go-live approval.`, { serviceId: service.id });
  const step = startApproval(plan, approvers, now);
  const withProcess: PortfolioService = { ...service, approval: step.process, updatedAt: now };
  if (step.process.outcome === 'approved') return lifecycleChanged(withProcess, 'live', null, by, now);
  return { aggregate: withProcess, events: requested(withProcess, step.process, step.opened, by, now) };
}

/** One approver's decision on the pending go-live approval; the last approval makes the service live. */
export function decideGoLive(service: PortfolioService, input: DecideApproval, now: Date): PortfolioDecision<PortfolioService> {
  if (service.lifecycle !== 'pipeline' || service.approval === null) throw illegal(service, 'decided on');
  const step = decideApproval(service.approval, input, [], now);
  const next: PortfolioService = { ...service, approval: step.process, updatedAt: now };
  const decided: PortfolioEvent = {
    type: 'itsm.service.approval-decided.v1',
    data: {
      ...facts(next, input.actorId, now),
      level: step.level.index,
      approverId: step.decision.approverId,
      onBehalfOf: step.decision.onBehalfOf,
      decision: step.decision.decision,
      comment: step.decision.comment,
      levelOutcome: step.level.status === 'approved' || step.level.status === 'rejected' ? step.level.status : 'pending',
    },
  };
  if (step.process.outcome === 'approved') {
    const live = lifecycleChanged(next, 'live', null, input.actorId, now);
    return { aggregate: live.aggregate, events: [decided, ...live.events] };
  }
  return { aggregate: next, events: [decided, ...requested(next, step.process, step.opened, input.actorId, now)] };
}

/** Live -> retired (its items are withdrawn by the caller; open requests finish). Retiring a retired service changes nothing. */
export function retireService(service: PortfolioService, reason: string | null, by: string, now: Date): PortfolioDecision<PortfolioService> {
  if (service.lifecycle === 'retired') return { aggregate: service, events: [] };
  if (service.lifecycle !== 'live') throw illegal(service, 'retired');
  const text = reason?.trim() ?? '';
  if (text.length > 2_000) throw invalid('reason', 'reason is longer than 2000 characters');
  return lifecycleChanged(service, 'retired', text === '' ? null : text, by, now);
}
