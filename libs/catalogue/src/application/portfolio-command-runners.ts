import { AggregateCommandRunner } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError } from '../domain';
import type { CatalogueBundle, CatalogueItem, PortfolioEvent, PortfolioService } from '../domain';
import { CatalogueBundleStore, CatalogueItemStore, ServiceStore } from './ports/portfolio-stores.port';

const errors = (kind: string, idField = kind === 'service' ? 'serviceId' : 'itemId') => ({
  notFound: (id: string) => catalogueError(CatalogueErrorCode.NotFound, `No ${kind} ${id}.`, { [idField]: id }),
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

/** Runs a command on one catalogue bundle. */
@Injectable()
export class CatalogueBundleCommands extends AggregateCommandRunner<CatalogueBundle, PortfolioEvent> {
  constructor(store: CatalogueBundleStore) {
    super(store, errors('catalogue bundle', 'bundleId'));
  }
}
