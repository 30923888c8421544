/** The shapes the self-service pages read from their operations (operations.graphql, self-service section). */
import type { SlaClock } from '../api/types';
import type { FormVariableData } from '../catalogue/form-rules';

export interface Price {
  readonly currency: string;
  readonly oneOffMinor: number;
  readonly recurringMonthlyMinor: number;
}

export interface CatalogCategory {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly parentId: string | null;
}

export interface CatalogItemSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  readonly leadTimeDays: number;
  readonly price: Price;
}

export interface CatalogItem extends CatalogItemSummary {
  readonly version: number;
  readonly approvalPolicyCount: number;
  readonly form: readonly FormVariableData[];
}

export type RequestState = 'open' | 'closed_complete' | 'closed_incomplete' | 'canceled';
export type RequestedItemState = 'awaiting_approval' | 'approved' | 'in_fulfilment' | 'closed_complete' | 'closed_incomplete' | 'canceled' | 'rejected';

export interface RequestSummary {
  readonly id: string;
  readonly number: string;
  readonly state: RequestState;
  readonly requestedById: string;
  readonly requestedForId: string;
  readonly updatedAt: string;
  readonly items: readonly { readonly id: string; readonly name: string; readonly state: RequestedItemState }[];
  readonly slas: readonly SlaClock[];
}

export interface ApprovalLevel {
  readonly index: number;
  readonly name: string;
  readonly status: string;
}

export interface RequestRecord {
  readonly id: string;
  readonly number: string;
  readonly state: RequestState;
  readonly requestedById: string;
  readonly requestedForId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly slas: readonly SlaClock[];
  readonly comments: readonly { readonly id: string; readonly visibility: string; readonly text: string; readonly by: string; readonly at: string }[];
  readonly items: readonly {
    readonly id: string;
    readonly number: string;
    readonly name: string;
    readonly state: RequestedItemState;
    readonly quantity: number;
    readonly variables: string;
    readonly catalogItemId: string;
    readonly catalogItemVersion: number;
    readonly approval: {
      readonly outcome: string;
      readonly levels: readonly (ApprovalLevel & { readonly decisions: readonly { readonly approverId: string; readonly decision: string; readonly comment: string | null; readonly at: string }[] })[];
    } | null;
  }[];
}

export interface RequestApprovalToDecide {
  readonly requestId: string;
  readonly requestNumber: string;
  readonly requestedForId: string;
  readonly item: { readonly id: string; readonly number: string; readonly name: string; readonly quantity: number; readonly variables: string; readonly catalogItemId: string; readonly catalogItemVersion: number };
  readonly levels: readonly ApprovalLevel[];
}

export interface PendingChange {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly model: string;
  readonly state: string;
  readonly requesterId: string;
  readonly planned: { readonly start: string; readonly end: string } | null;
}
