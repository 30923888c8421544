import { ApprovalErrorCode, planApproval, startApproval } from '@itsm/approval';
import type { ApprovalStep, Facts } from '@itsm/approval';
import { Clock } from '@itsm/platform/config';
import { hasRole } from '@itsm/platform/auth';
import type { Principal } from '@itsm/platform/auth';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CatalogueError, CatalogueErrorCode, catalogueError } from '../../../domain/catalogue.errors';
import { isEntitled } from '../../../domain/entitlement';
import { validateValues } from '../../../domain/forms';
import type { FormValues } from '../../../domain/forms';
import { submitRequest } from '../../../domain/request';
import { withApprovalErrors } from '../../../domain/portfolio/approval-refusal';
import type { NewRequestedItem, ServiceRequest } from '../../../domain/request';
import { OrderableBundles, OrderableItems } from '../../ports/orderable-items.port';
import type { OrderableItemVersion } from '../../ports/orderable-items.port';
import { RequestNumbers, ServiceRequestStore } from '../../ports/service-request-store.port';
import { RequestDirectory } from '../../request-directory.service';
import type { DirectoryPerson } from '../../request-directory.service';
import { OrderCatalogItemsCommand } from './order-catalog-items.command';
import type { OrderLine } from './order-catalog-items.command';
import { expandOrderLines } from './expand-order-lines';
import type { ExpandedLine } from './expand-order-lines';

/** The contract's bounds: at most 50 items per request (a bundle line counts its items), 1 to 1,000 of each. */
export const ORDER_LIMITS = { lines: 50, quantity: 1_000 } as const;

/** A line checked: its item version, values and approval, before anything is numbered or written. */
interface CheckedLine {
  readonly line: ExpandedLine;
  readonly version: OrderableItemVersion;
  readonly variables: FormValues;
  readonly approval: ApprovalStep | null;
  readonly supplierOrgs: ReadonlyMap<string, string | null>;
}

/**
 * Orders a cart: bundle lines expand into their items (expandOrderLines); every item must be
 * published (CATALOGUE.NOT_ORDERABLE) and the person it is for entitled (CATALOGUE.NOT_ENTITLED),
 * its values valid (the form's codes), its approval plannable with someone to decide each
 * mandatory level, its plan's groups live; every refusal names the line (`details.line`, from 0),
 * its item and, for a bundle line, the bundle (`details.bundleId`), and nothing is numbered or
 * written. Then one request with its events, in one document write.
 */
@Injectable()
export class OrderCatalogItemsHandler {
  constructor(
    private readonly store: ServiceRequestStore,
    private readonly numbers: RequestNumbers,
    private readonly directory: RequestDirectory,
    private readonly clock: Clock,
    private readonly items: OrderableItems,
    private readonly bundles: OrderableBundles,
  ) {}

  async execute(viewer: Principal, command: OrderCatalogItemsCommand): Promise<ServiceRequest> {
    checkLines(command.lines);
    const orderer = await this.directory.person(viewer.userId, 'requestedById');
    const requestedFor = command.requestedForId === null || command.requestedForId === viewer.userId ? orderer : await this.directory.person(command.requestedForId, 'requestedForId');
    if (requestedFor !== orderer && !hasRole(viewer, 'agent', 'catalogue-admin', 'admin') && requestedFor.person.managerId !== viewer.userId) {
      throw catalogueError(CatalogueErrorCode.Forbidden, `${viewer.userId} may not order for ${requestedFor.person.id}: only their manager or an agent may.`, { field: 'requestedForId' });
    }
    const lines = expandOrderLines(command.lines, await this.bundles.byIds([...new Set(command.lines.flatMap((l) => (l.bundleId === undefined ? [] : [l.bundleId])))]));
    if (lines.length > ORDER_LIMITS.lines) throw catalogueError(CatalogueErrorCode.InvalidInput, `A request holds at most ${ORDER_LIMITS.lines} items (a bundle counts its items); this cart has ${lines.length}.`, { field: 'lines' });
    const versions = await this.items.current([...new Set(lines.map((l) => l.itemId))]);
    const rules = await this.items.entitlementRules([...new Set([...versions.values()].flatMap((v) => v.entitlementRuleIds))]);
    const now = this.clock.now();
    const checked: CheckedLine[] = [];
    for (const line of lines) {
      checked.push(await onLine(line, () => this.checkLine(line, versions.get(line.itemId), rules, requestedFor, now)));
    }
    const request = await this.build(checked, viewer.userId, requestedFor, now);
    await this.store.create(request.request, request.events);
    return request.request;
  }

  private async checkLine(line: ExpandedLine, version: OrderableItemVersion | undefined, rules: Awaited<ReturnType<OrderableItems['entitlementRules']>>, requestedFor: DirectoryPerson, now: Date): Promise<CheckedLine> {
    if (version === undefined) throw catalogueError(CatalogueErrorCode.NotFound, `No catalogue item ${line.itemId}.`, {});
    if (version.status !== 'published') throw catalogueError(CatalogueErrorCode.NotOrderable, `Catalogue item ${version.name} is retired.`, {});
    if (!isEntitled({ id: version.itemId, categoryIds: [version.categoryId], entitlementRuleIds: version.entitlementRuleIds, customerOrgIds: version.customerOrgIds }, rules, requestedFor.profile)) {
      throw catalogueError(CatalogueErrorCode.NotEntitled, `${requestedFor.person.id} may not order ${version.name}.`, { requestedForId: requestedFor.person.id });
    }
    const variables = await validateValues(version.form, line.variables ?? {}, this.directory.references(), line.defaults);
    const plan = planApproval(version.approvalPolicies, approvalFacts(version, line, variables, requestedFor), 'run_all');
    let approval: ApprovalStep | null = null;
    if (plan.policyIds.length > 0) {
      const approvers = await this.directory.approvers(plan.levels, requestedFor.person);
      approval = withApprovalErrors(() => startApproval(plan, approvers, now), { [ApprovalErrorCode.NoApprovers]: CatalogueErrorCode.NotOrderable });
    }
    const groups = await this.directory.fulfilmentGroups(version.plan.tasks.map((t) => t.groupId));
    const missing = version.plan.tasks.find((t) => !groups.has(t.groupId));
    if (missing !== undefined) {
      throw catalogueError(CatalogueErrorCode.NotOrderable, `Task ${missing.key} of ${version.name} is for group ${missing.groupId}, which the directory does not have.`, { task: missing.key, groupId: missing.groupId });
    }
    return { line, version, variables, approval, supplierOrgs: new Map([...groups].map(([id, g]) => [id, g.supplierOrgId])) };
  }

  private async build(lines: readonly CheckedLine[], requestedById: string, requestedFor: DirectoryPerson, now: Date) {
    const number = await this.numbers.next('REQ');
    const items: NewRequestedItem[] = [];
    for (const { line, version, variables, approval, supplierOrgs } of lines) {
      const tasks = [];
      for (const task of version.plan.tasks) {
        tasks.push({ id: newId(), number: await this.numbers.next('TASK'), key: task.key, name: task.title, groupId: task.groupId, supplierOrgId: supplierOrgs.get(task.groupId) ?? null, assigneeId: null });
      }
      items.push({
        id: newId(),
        number: await this.numbers.next('RITM'),
        catalogItemId: version.itemId,
        catalogItemVersion: version.version,
        name: version.name,
        serviceId: version.serviceId,
        offeringId: version.offeringId,
        quantity: line.quantity,
        bundleId: line.bundleId,
        variables,
        plan: version.plan,
        tasks,
        approval,
      });
    }
    return submitRequest({ id: newId(), number, requestedById, requestedForId: requestedFor.person.id, organisationId: requestedFor.person.orgId, items }, requestedById, now);
  }
}

function newId(): string {
  return randomBytes(12).toString('hex');
}

function checkLines(lines: readonly OrderLine[]): void {
  if (lines.length === 0 || lines.length > ORDER_LIMITS.lines) {
    throw catalogueError(CatalogueErrorCode.InvalidInput, `A cart has 1 to ${ORDER_LIMITS.lines} lines.`, { field: 'lines' });
  }
  lines.forEach((line, index) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > ORDER_LIMITS.quantity) {
      const subject: Record<string, string> = line.bundleId === undefined ? { itemId: line.itemId } : { bundleId: line.bundleId };
      throw catalogueError(CatalogueErrorCode.InvalidInput, `Line ${index}: the quantity is a whole number from 1 to ${ORDER_LIMITS.quantity}.`, { field: 'quantity', line: index, ...subject });
    }
  });
}

/** Runs one requested item's checks; a refusal carries the line (from 0), its item id and its bundle's besides its own details. */
async function onLine<T>(line: ExpandedLine, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof CatalogueError)) throw error;
    const where = line.bundleId === null ? `Line ${line.line}` : `Line ${line.line} (bundle ${line.bundleId}, item ${line.itemId})`;
    throw new CatalogueError(error.code, `${where}: ${error.message}`, { ...error.details, line: line.line, itemId: line.itemId, ...(line.bundleId === null ? {} : { bundleId: line.bundleId }) });
  }
}

/**
 * What an item's approval policies decide on: the form's values by variable name, and the order's
 * facts under `item.` and `requestedFor.` (names a form variable cannot take: they hold a dot).
 */
export function approvalFacts(version: OrderableItemVersion, line: Pick<OrderLine, 'quantity'>, variables: FormValues, requestedFor: DirectoryPerson): Facts {
  return {
    ...variables,
    'item.id': version.itemId,
    'item.categoryId': version.categoryId,
    'item.serviceId': version.serviceId,
    'item.quantity': line.quantity,
    'item.oneOffPriceMinor': version.price.oneOffMinor * line.quantity,
    'item.recurringMonthlyPriceMinor': version.price.recurringMonthlyMinor * line.quantity,
    'requestedFor.organisationId': requestedFor.profile.organisationId,
    'requestedFor.organisationKind': requestedFor.profile.organisationKind,
  };
}
