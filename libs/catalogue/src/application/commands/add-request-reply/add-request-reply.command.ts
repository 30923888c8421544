/**
 * A person's answer to a notification mail about a request (`itsm.notification.reply-received.v1`),
 * to be added as their public comment: once per `replyId` (the comment's id), however often it is delivered.
 */
export class AddRequestReplyCommand {
  constructor(
    readonly requestId: string,
    readonly replyId: string,
    readonly personId: string,
    readonly body: string,
  ) {}
}
