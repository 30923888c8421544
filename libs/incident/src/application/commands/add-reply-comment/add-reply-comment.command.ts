/**
 * A person's answer to a notification mail (`itsm.notification.reply-received.v1`), to be added to
 * the incident as their comment: once per `replyId` (the note's id), however often it is delivered.
 */
export class AddReplyCommentCommand {
  constructor(
    readonly incidentId: string,
    readonly replyId: string,
    readonly personId: string,
    readonly body: string,
  ) {}
}
