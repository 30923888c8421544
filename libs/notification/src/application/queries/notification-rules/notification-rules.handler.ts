import type { Page } from '@itsm/platform/graphql';
import { Injectable } from '@nestjs/common';
import type { NotificationRule } from '../../../domain';
import { NotificationRuleStore } from '../../ports/notification-rule-store.port';
import type { NotificationRulesQuery } from './notification-rules.query';

@Injectable()
export class NotificationRulesHandler {
  constructor(private readonly rules: NotificationRuleStore) {}

  async execute(query: NotificationRulesQuery): Promise<Page<NotificationRule>> {
    const found = await this.rules.list(query.filter, query.first + 1, query.after);
    return { items: found.slice(0, query.first), hasNextPage: found.length > query.first };
  }

  byId(id: string): Promise<NotificationRule | null> {
    return this.rules.byId(id);
  }
}
