import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { checkServiceDetails, createService } from '../../../domain';
import type { PortfolioService } from '../../../domain';
import { assertCatalogueAdmin } from '../../portfolio-access';
import { ServiceStore } from '../../ports/portfolio-stores.port';
import { ServiceReferences } from '../../service-references.service';
import type { CreateServiceCommand } from './create-service.command';

@Injectable()
export class CreateServiceHandler {
  constructor(
    private readonly services: ServiceStore,
    private readonly references: ServiceReferences,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateServiceCommand): Promise<PortfolioService> {
    assertCatalogueAdmin(command.caller, 'enter services in the portfolio');
    const details = checkServiceDetails(command.input);
    await this.references.check(details);
    const { aggregate, events } = createService(command.serviceId ?? randomUUID(), details, command.caller.userId, this.clock.now());
    await this.services.create(aggregate, events);
    return aggregate;
  }
}
