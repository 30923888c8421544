/** Records the known error of a problem: symptom, root cause and workaround. */
export class RecordKnownErrorCommand {
  constructor(
    readonly problemId: string,
    readonly symptom: string,
    readonly rootCause: string,
    readonly workaround: string,
  ) {}
}
