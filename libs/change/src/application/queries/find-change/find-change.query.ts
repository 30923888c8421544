/** One change by its id or its number (CHG...). */
export class FindChangeQuery {
  constructor(readonly key: { readonly id: string } | { readonly number: string }) {}
}
