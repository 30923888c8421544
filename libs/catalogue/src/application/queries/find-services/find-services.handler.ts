import { Injectable } from '@nestjs/common';
import type { PortfolioService } from '../../../domain';
import { ServiceStore } from '../../ports/portfolio-stores.port';
import type { CataloguePage } from '../../ports/portfolio-stores.port';
import type { FindServicesQuery } from './find-services.query';

@Injectable()
export class FindServicesHandler {
  constructor(private readonly services: ServiceStore) {}

  async execute(query: FindServicesQuery): Promise<CataloguePage<PortfolioService>> {
    const found = await this.services.list(query.first + 1, query.after);
    return { items: found.slice(0, query.first), hasNextPage: found.length > query.first };
  }
}
