/** A pipeline asks the deployment gate whether it may deploy to a CI now (its bearer token and the JSON body it posted). */
export class AnswerGateCommand {
  constructor(
    readonly bearerToken: string | undefined,
    readonly body: unknown,
  ) {}
}
