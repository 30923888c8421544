/** A list of context declarations the kit refuses to run, with every problem at once. */
export class ContextDeclarationError extends Error {
  override readonly name = 'ContextDeclarationError';

  constructor(readonly problems: readonly string[]) {
    super(['Context declarations are inconsistent:', ...problems.map((problem) => `  - ${problem}`)].join('\n'));
  }
}
