/** Implementation starts (Scheduled -> Implement; an emergency change also before authorisation). */
export class StartChangeImplementationCommand {
  constructor(readonly changeId: string) {}
}
