import type { Principal } from '@itsm/platform/auth';
import { Injectable } from '@nestjs/common';
import { cancelRequest } from '../../../domain/request';
import type { ServiceRequest } from '../../../domain/request';
import { RequestAccess } from '../../request-access.service';
import { RequestCommandRunner } from '../../request-command-runner';
import { CancelRequestCommand } from './cancel-request.command';

/** Cancels every item not closed (pending approvals, open tasks), then the request; only its requester or the person it is for. */
@Injectable()
export class CancelRequestHandler {
  constructor(
    private readonly runner: RequestCommandRunner,
    private readonly access: RequestAccess,
  ) {}

  execute(viewer: Principal, command: CancelRequestCommand): Promise<ServiceRequest> {
    return this.runner.run(command.requestId, {
      authorise: async (current) => {
        await this.access.assertSees(viewer, current);
        this.access.assertRequester(viewer, current);
      },
      decide: (current, now) => cancelRequest(current, command.reason, viewer.userId, now),
    });
  }
}
