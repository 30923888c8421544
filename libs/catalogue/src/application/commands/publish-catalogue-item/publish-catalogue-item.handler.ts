import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { publishItem } from '../../../domain';
import type { CatalogueItem } from '../../../domain';
import { CatalogueItemReferences } from '../../catalogue-item-references.service';
import { CatalogueItemStore } from '../../ports/portfolio-stores.port';
import type { PublishCatalogueItemCommand } from './publish-catalogue-item.command';

@Injectable()
export class PublishCatalogueItemHandler {
  constructor(
    private readonly items: CatalogueItemStore,
    private readonly references: CatalogueItemReferences,
    private readonly clock: Clock,
  ) {}

  async execute(command: PublishCatalogueItemCommand): Promise<CatalogueItem> {
    const { content, rules } = await this.references.checkedDraft(command.caller, command.draft);
    const { aggregate, events } = publishItem(command.itemId ?? randomUUID(), content, rules, command.caller.userId, this.clock.now());
    await this.items.create(aggregate, events);
    return aggregate;
  }
}
