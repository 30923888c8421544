/** A standard change from a published template, at a planned start (its duration is the template's). */
export class RequestStandardChangeCommand {
  constructor(
    readonly templateId: string,
    readonly input: {
      readonly plannedStart: Date;
      readonly title?: string | null;
      readonly description?: string | null;
      readonly configurationItemIds?: readonly string[] | null;
      readonly assigneeId?: string | null;
    },
  ) {}
}
