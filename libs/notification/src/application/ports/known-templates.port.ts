/** The templates the context knows: a rule naming another is refused on save. */
export abstract class KnownTemplates {
  abstract missing(ids: readonly string[]): Promise<readonly string[]>;
}
