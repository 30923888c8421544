/** The templates the context knows (the templates part implements it): a rule naming another is refused on save. */
export abstract class KnownTemplates {
  /** The ids among `ids` that name no template. */
  abstract missing(ids: readonly string[]): Promise<readonly string[]>;

  /**
   * Refuses (NOTIFICATION.UNKNOWN_TEMPLATE_VARIABLE) a rule on `eventType` naming an event template
   * that reads a payload variable `eventType` lacks (a template written for other event types).
   */
  abstract checkReads(templateId: string, eventType: string): Promise<void>;
}
