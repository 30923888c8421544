import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError } from '../../../domain';
import type { PortfolioService } from '../../../domain';
import { ServiceStore } from '../../ports/portfolio-stores.port';

/** One service of the portfolio; CATALOGUE.NOT_FOUND naming it when unknown. */
@Injectable()
export class ServiceHandler {
  constructor(private readonly services: ServiceStore) {}

  async execute(serviceId: string): Promise<PortfolioService> {
    const service = (await this.services.byIds([serviceId])).get(serviceId);
    if (service === undefined) throw catalogueError(CatalogueErrorCode.NotFound, `No service ${serviceId}.`, { serviceId });
    return service;
  }
}
