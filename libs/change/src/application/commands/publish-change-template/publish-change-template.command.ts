/** An admin publishes a draft template: standard changes may now be requested from it. */
export class PublishChangeTemplateCommand {
  constructor(readonly templateId: string) {}
}
