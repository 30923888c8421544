import { AggregateCommandRunner } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError } from '../domain';
import type { CatalogueItem, PortfolioEvent, PortfolioService } from '../domain';
import { CatalogueItemStore, ServiceStore } from './ports/portfolio-stores.port';

const errors = (kind: string) => ({
  notFound: (id: string) => catalogueError(CatalogueErrorCode.NotFound, `No ${kind} ${id}.`, { [`${kind === 'service' ? 'service' : 'item'}Id`]: id }),
  conflict: (id: string) => catalogueError(CatalogueErrorCode.Conflict, `The ${kind} ${id} kept changing; try again.`, { id }),
});

/** Runs a command on one catalogue item (load, authorise, decide, write with its events; retried on a lost race). */
@Injectable()
export class CatalogueItemCommands extends AggregateCommandRunner<CatalogueItem, PortfolioEvent> {
  constructor(store: CatalogueItemStore) {
    super(store, errors('catalogue item'));
  }
}

/** Runs a command on one service. */
@Injectable()
export class ServiceCommands extends AggregateCommandRunner<PortfolioService, PortfolioEvent> {
  constructor(store: ServiceStore) {
    super(store, errors('service'));
  }
}
