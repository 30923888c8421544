import type { NotificationTemplate } from '../../../domain/templates';

/** A notification admin creates or replaces a template (by its id; a built-in id overrides the built-in one). */
export class SaveNotificationTemplateCommand {
  constructor(readonly template: NotificationTemplate) {}
}
