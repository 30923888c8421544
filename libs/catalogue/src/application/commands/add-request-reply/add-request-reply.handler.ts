import { Injectable } from '@nestjs/common';
import { RequestDirectory } from '../../request-directory.service';
import { AddRequestCommentCommand } from '../add-request-comment/add-request-comment.command';
import { AddRequestCommentHandler } from '../add-request-comment/add-request-comment.handler';
import type { AddRequestReplyCommand } from './add-request-reply.command';
import { replyPrincipal } from './reply-principal';

/**
 * Adds a notification reply as the replying person's public comment on the request, its id the
 * reply's (a redelivered reply finds it and changes nothing), under the same rules as
 * `addRequestComment` through GraphQL: the requester, the person it is for, approvers, fulfillers
 * and admins may; anyone else (a supplier agent included: it never sees the request) finds no
 * request (CATALOGUE.NOT_FOUND, as an unknown request); an unknown or deactivated person is
 * CATALOGUE.NOT_FOUND naming `personId`. The consumer dead-letters each with its code.
 */
@Injectable()
export class AddRequestReplyHandler {
  constructor(
    private readonly directory: RequestDirectory,
    private readonly comments: AddRequestCommentHandler,
  ) {}

  async execute(command: AddRequestReplyCommand): Promise<void> {
    const author = replyPrincipal(await this.directory.person(command.personId, 'personId'));
    await this.comments.execute(author, new AddRequestCommentCommand(command.requestId, 'public', command.body, null, null, command.replyId));
  }
}
