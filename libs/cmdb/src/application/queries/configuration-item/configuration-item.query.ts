/** A CI by id, with its history. */
export class ConfigurationItemQuery {
  constructor(readonly ciId: string) {}
}
