/** A page of CIs in id order: by class (subclasses included), state and name. */
export class ConfigurationItemsQuery {
  constructor(
    readonly filter: { readonly classId?: string; readonly state?: 'active' | 'retired'; readonly nameContains?: string },
    readonly first: number,
    readonly after: string | undefined,
  ) {}
}
