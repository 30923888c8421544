import { Clock } from '@itsm/platform/config';
import { AggregateCommandRunner } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { CatalogueError, CatalogueErrorCode } from '../domain/catalogue.errors';
import type { RequestDecision, RequestEvent, ServiceRequest } from '../domain/request';
import { ServiceRequestStore } from './ports/service-request-store.port';

/** A move on a request as it is now, at `now`: first the caller's access, then the domain's decision. */
export interface RequestMove {
  readonly authorise: (current: ServiceRequest) => void | Promise<void>;
  readonly decide: (current: ServiceRequest, now: Date) => RequestDecision;
}

/**
 * The platform's aggregate runner for requests (CATALOGUE.NOT_FOUND, CATALOGUE.CONFLICT): load,
 * check access on the request as it is now, decide, write state and events in one document
 * update; a lost race is checked and decided again on the fresh state.
 */
@Injectable()
export class RequestCommandRunner {
  private readonly runner: AggregateCommandRunner<ServiceRequest, RequestEvent>;

  constructor(
    private readonly store: ServiceRequestStore,
    private readonly clock: Clock,
  ) {
    this.runner = new AggregateCommandRunner(store, {
      notFound: (id) => new CatalogueError(CatalogueErrorCode.NotFound, `No request ${id}.`, { requestId: id }),
      conflict: (id) => new CatalogueError(CatalogueErrorCode.Conflict, `Request ${id} is being changed by others; try again.`, { requestId: id }),
    });
  }

  async run(requestId: string, move: RequestMove): Promise<ServiceRequest> {
    const outcome = await this.runner.run(requestId, { authorise: move.authorise, decide: (current) => {
        const { request, events } = move.decide(current, this.clock.now());
        return { aggregate: request, events };
      },
    });
    return outcome.aggregate;
  }

  /** The same for a move named by one of the request's tasks. */
  async runOnTask(taskId: string, move: RequestMove): Promise<ServiceRequest> {
    const request = await this.store.byTaskId(taskId);
    if (request === undefined) throw new CatalogueError(CatalogueErrorCode.NotFound, `No task ${taskId}.`, { taskId });
    return this.run(request.id, move);
  }

  /** The same for a move named by one of the request's items. */
  async runOnItem(requestedItemId: string, move: RequestMove): Promise<ServiceRequest> {
    const request = await this.store.byItemId(requestedItemId);
    if (request === undefined) throw new CatalogueError(CatalogueErrorCode.NotFound, `No requested item ${requestedItemId}.`, { requestedItemId });
    return this.run(request.id, move);
  }
}
