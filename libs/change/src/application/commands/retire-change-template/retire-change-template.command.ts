/** An admin retires a template: no new standard changes from it (existing ones keep their link). */
export class RetireChangeTemplateCommand {
  constructor(readonly templateId: string) {}
}
