import { Injectable } from '@nestjs/common';
import { UnauthorisedChangeReads } from '../../ports/unauthorised-change-store.port';
import type { UnauthorisedChangePage } from '../../ports/unauthorised-change-store.port';
import type { UnauthorisedChangesQuery } from './unauthorised-changes.query';

/** The change manager's list of unauthorised changes (open ones to act on, or any status). */
@Injectable()
export class UnauthorisedChangesHandler {
  constructor(private readonly reads: UnauthorisedChangeReads) {}

  execute(query: UnauthorisedChangesQuery): Promise<UnauthorisedChangePage> {
    return this.reads.list(query.filter, query.first, query.after);
  }
}
