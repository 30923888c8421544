/** One incident, by id or by its number (INC0001234). */
export class FindIncidentQuery {
  private constructor(
    readonly by: 'id' | 'number',
    readonly key: string,
  ) {}

  static byId(id: string): FindIncidentQuery {
    return new FindIncidentQuery('id', id);
  }

  static byNumber(number: string): FindIncidentQuery {
    return new FindIncidentQuery('number', number);
  }
}
