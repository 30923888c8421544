/** One template by id (saved, else built in). */
export class NotificationTemplateQuery {
  constructor(readonly id: string) {}
}
