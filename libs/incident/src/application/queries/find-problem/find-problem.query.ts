/** One problem, by id or by its number (PRB0001234). */
export class FindProblemQuery {
  private constructor(
    readonly by: 'id' | 'number',
    readonly key: string,
  ) {}

  static byId(id: string): FindProblemQuery {
    return new FindProblemQuery('id', id);
  }

  static byNumber(number: string): FindProblemQuery {
    return new FindProblemQuery('number', number);
  }
}
