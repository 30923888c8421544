import type { Page } from '@itsm/platform/graphql';
import { Injectable } from '@nestjs/common';
import type { NotificationTemplate } from '../../../domain/templates';
import { TemplateLibrary } from '../../templates/template-library';
import type { NotificationTemplatesQuery } from './notification-templates.query';

@Injectable()
export class NotificationTemplatesHandler {
  constructor(private readonly library: TemplateLibrary) {}

  execute(query: NotificationTemplatesQuery): Promise<Page<NotificationTemplate>> {
    return this.library.page(query.first, query.after);
  }
}
