/** Implementation is done (Implement -> Review). */
export class CompleteChangeImplementationCommand {
  constructor(readonly changeId: string) {}
}
