import { Injectable } from '@nestjs/common';
import type { NotificationTemplate } from '../../../domain/templates';
import { TemplateLibrary } from '../../templates/template-library';
import type { NotificationTemplateQuery } from './notification-template.query';

@Injectable()
export class NotificationTemplateHandler {
  constructor(private readonly library: TemplateLibrary) {}

  /** The template, or null when no template has the id. */
  execute(query: NotificationTemplateQuery): Promise<NotificationTemplate | null> {
    return this.library.find(query.id);
  }
}
