import type { CommentVisibility } from '../../../domain/request';

/**
 * A comment (public: the requester reads it) or a work note (internal) on a request, one of its items
 * or one of their tasks. `commentId`: the id when the caller names one (a notification reply's id,
 * so adding it again changes nothing); else a new one.
 */
export class AddRequestCommentCommand {
  constructor(
    readonly requestId: string,
    readonly visibility: CommentVisibility,
    readonly text: string,
    readonly requestedItemId: string | null = null,
    readonly taskId: string | null = null,
    readonly commentId: string | null = null,
  ) {}
}
