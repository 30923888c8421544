/** A change asks for authorisation (normal from Assess, emergency from New); plans and a planned window first. */
export class RequestChangeAuthorisationCommand {
  constructor(readonly changeId: string) {}
}
