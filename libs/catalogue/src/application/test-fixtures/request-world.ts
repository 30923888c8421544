import type { ApprovalPolicy } from '@itsm/approval';
import { Clock } from '@itsm/platform/config';
import { InMemoryCmdbProjection, InMemoryDirectoryProjection } from '@itsm/platform/persistence';
import { DirectoryFeed } from '@itsm/testing';
import { defineForm } from '../../domain/forms';
import { definePlan } from '../../domain/fulfilment';
import { catalogueDirectory } from '../../test-fixtures/catalogue-directory';
import { ActOnFulfilmentTaskHandler } from '../commands/act-on-fulfilment-task/act-on-fulfilment-task.handler';
import { AddRequestCommentHandler } from '../commands/add-request-comment/add-request-comment.handler';
import { AssignFulfilmentTaskHandler } from '../commands/assign-fulfilment-task/assign-fulfilment-task.handler';
import { CancelRequestHandler } from '../commands/cancel-request/cancel-request.handler';
import { DecideRequestApprovalHandler } from '../commands/decide-request-approval/decide-request-approval.handler';
import { OrderCatalogItemsHandler } from '../commands/order-catalog-items/order-catalog-items.handler';
import { RequestReads } from '../queries/request-reads.service';
import { RequestAccess } from '../request-access.service';
import { RequestCommandRunner } from '../request-command-runner';
import type { OrderableItemVersion } from '../ports/orderable-items.port';
import { RequestDirectory } from '../request-directory.service';
import { InMemoryOrderableBundles, InMemoryOrderableItems } from './in-memory-orderable-items';
import { InMemoryRequestNumbers, InMemoryServiceRequests } from './in-memory-service-requests';

/** A clock the spec moves. */
export class SpecClock extends Clock {
  constructor(private instant: Date) {
    super();
  }

  now(): Date {
    return this.instant;
  }

  advance(minutes: number): void {
    this.instant = new Date(this.instant.getTime() + minutes * 60_000);
  }
}

/** The requester's manager first, then two of the three access approvers. */
export const MANAGER_THEN_APPROVERS: ApprovalPolicy = {
  id: 'pol-access',
  name: 'Manager, then access approvers',
  order: 1,
  active: true,
  appliesWhen: null,
  autoApproveWhen: null,
  levels: [
    { name: 'Manager', approvers: { groupIds: [], userIds: [], roles: ['requester-manager'] }, rule: { kind: 'first_response' }, mandatory: true },
    { name: 'Access approvers', approvers: { groupIds: ['g-access-approvers'], userIds: [], roles: [] }, rule: { kind: 'quorum', percent: 60 }, mandatory: true },
  ],
};

function version(itemId: string, extra: Partial<OrderableItemVersion>): OrderableItemVersion {
  return {
    itemId,
    version: 1,
    name: itemId,
    status: 'published',
    categoryId: 'cat-hardware',
    serviceId: null,
    offeringId: null,
    customerOrgIds: [],
    form: defineForm({ variables: [] }),
    plan: definePlan({ tasks: [{ key: 'do', title: 'Do it', groupId: 'g-service-desk', variables: [], predecessors: [] }] }),
    approvalPolicies: [],
    entitlementRuleIds: [],
    price: { currency: 'CHF', oneOffMinor: 100_000, recurringMonthlyMinor: 0 },
    leadTimeDays: 5,
    ...extra,
  };
}

/**
 * The demo catalogue of the issue, in memory: a laptop (model choice, a conditional accessory,
 * manager then access approvers; two parallel tasks then one after both, one by the supplier
 * group), a retired item, an item open to Northwind customers only.
 */
export function demoItems(): InMemoryOrderableItems {
  const laptopForm = defineForm({
    variables: [
      { name: 'model', label: 'Model', type: 'single_choice', required: true, options: [{ value: 'x1', label: 'X1' }, { value: 'mac', label: 'Mac' }] },
      { name: 'dock', label: 'Dock', type: 'boolean', visibleWhen: { variable: 'model', equals: ['x1'] } },
      { name: 'cost_centre', label: 'Cost centre', type: 'text', required: true, pattern: '^CC-[0-9]{4}$' },
      { name: 'deliver_to', label: 'Deliver to', type: 'person' },
    ],
  });
  const laptopPlan = definePlan({
    tasks: [
      { key: 'order', title: 'Order the laptop', groupId: 'g-service-desk', variables: ['model', 'dock', 'cost_centre'], predecessors: [] },
      { key: 'image', title: 'Prepare the image', groupId: 'g-fabrikam-hosting', variables: ['model'], predecessors: [] },
      { key: 'hand-over', title: 'Hand over', groupId: 'g-service-desk', variables: ['deliver_to'], predecessors: ['order', 'image'] },
    ],
  });
  return new InMemoryOrderableItems()
    .publish(version('laptop', { name: 'Laptop', form: laptopForm, plan: laptopPlan, approvalPolicies: [MANAGER_THEN_APPROVERS] }))
    .publish(version('mouse', { name: 'Mouse' }))
    .publish(version('fax', { name: 'Fax machine', status: 'retired' }))
    .publish(version('northwind-portal', { name: 'Northwind portal', entitlementRuleIds: ['rule-northwind'] }))
    .rule({ id: 'rule-northwind', name: 'Northwind', effect: 'grant', organisationIds: ['northwind'], organisationKinds: [], roles: [], groupIds: [] });
}

export interface RequestWorld {
  readonly items: InMemoryOrderableItems;
  readonly bundles: InMemoryOrderableBundles;
  readonly store: InMemoryServiceRequests;
  readonly numbers: InMemoryRequestNumbers;
  readonly clock: SpecClock;
  readonly directory: RequestDirectory;
  readonly order: OrderCatalogItemsHandler;
  readonly decide: DecideRequestApprovalHandler;
  readonly act: ActOnFulfilmentTaskHandler;
  readonly assign: AssignFulfilmentTaskHandler;
  readonly cancel: CancelRequestHandler;
  readonly comment: AddRequestCommentHandler;
  readonly reads: RequestReads;
}

/** The request handlers over in-memory stores, the catalogue personas' directory and the demo items. */
export async function requestWorld(): Promise<RequestWorld> {
  const projection = await new InMemoryDirectoryProjection().feed(...catalogueDirectory(new DirectoryFeed()));
  const items = demoItems();
  const bundles = new InMemoryOrderableBundles();
  const store = new InMemoryServiceRequests();
  const numbers = new InMemoryRequestNumbers();
  const clock = new SpecClock(new Date('2030-04-01T08:00:00.000Z'));
  const directory = new RequestDirectory(projection, { unknown: (ids) => Promise.resolve(ids.filter((id) => !id.startsWith('svc-'))) }, new InMemoryCmdbProjection());
  const access = new RequestAccess(directory);
  const runner = new RequestCommandRunner(store, clock);
  return {
    items,
    bundles,
    store,
    numbers,
    clock,
    directory,
    order: new OrderCatalogItemsHandler(store, numbers, directory, clock, items, bundles),
    decide: new DecideRequestApprovalHandler(runner),
    act: new ActOnFulfilmentTaskHandler(runner, access),
    assign: new AssignFulfilmentTaskHandler(runner, access, projection),
    cancel: new CancelRequestHandler(runner, access),
    comment: new AddRequestCommentHandler(runner, access),
    reads: new RequestReads(store, access, clock, items),
  };
}
