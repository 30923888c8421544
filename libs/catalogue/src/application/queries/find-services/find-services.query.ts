/** The portfolio by name, one page after a cursor. */
export class FindServicesQuery {
  constructor(
    readonly first: number,
    readonly after: string | null,
  ) {}
}
