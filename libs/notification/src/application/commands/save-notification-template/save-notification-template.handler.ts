import { Injectable } from '@nestjs/common';
import type { NotificationTemplate } from '../../../domain/templates';
import { TemplateStore } from '../../ports/template-store.port';
import { TemplateValidator } from '../../templates/template-validator';
import type { SaveNotificationTemplateCommand } from './save-notification-template.command';

/** Saves a template once it passed every check (shape, event types, parsing, variables); a refused one leaves nothing behind. */
@Injectable()
export class SaveNotificationTemplateHandler {
  constructor(
    private readonly validator: TemplateValidator,
    private readonly templates: TemplateStore,
  ) {}

  async execute(command: SaveNotificationTemplateCommand): Promise<NotificationTemplate> {
    const template = this.validator.check(command.template);
    await this.templates.put(template);
    return template;
  }
}
