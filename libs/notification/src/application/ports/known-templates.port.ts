/** The templates the context knows (the templates part implements it): a rule naming another is refused on save. */
export abstract class KnownTemplates {
  /** The ids among `ids` that name no template. */
  abstract missing(ids: readonly string[]): Promise<readonly string[]>;
}
