import { Clock } from '@itsm/platform/config';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { AcknowledgeEscalationHandler } from '../application/commands/acknowledge-escalation/acknowledge-escalation.handler';
import { ACK_ROUTE_PREFIX, EscalationAckLinks } from '../application/escalation-ack-links';
import { EscalationStore } from '../application/ports/escalation-store.port';
import { NOTIFICATION_ERROR_KINDS, NotificationError, NotificationErrorCode, notificationError } from '../domain';
import { ackPage, AckReply, statusOfKind } from './escalation-ack-page';

/**
 * GET /notification/v1/ack/<token>: the link in an on-call page. It acknowledges the escalation as
 * the paged person the signed token names (no sign-in: the token is the proof) and answers a small
 * HTML page; a token that does not verify is 403 NOTIFICATION.INVALID_SIGNATURE. Clicking it again
 * changes nothing.
 */
@Controller(ACK_ROUTE_PREFIX.slice(1))
export class EscalationAckController {
  constructor(
    private readonly links: EscalationAckLinks,
    private readonly escalations: EscalationStore,
    private readonly acknowledger: AcknowledgeEscalationHandler,
    private readonly clock: Clock,
  ) {}

  @Get(':token')
  async acknowledge(@Param('token') token: string, @Res({ passthrough: true }) reply: AckReply): Promise<string> {
    try {
      const escalation = await this.acknowledgeAs(token);
      return ackPage(reply, 200, 'Acknowledged', `${escalation.ticket.number ?? escalation.ticket.id} is acknowledged by ${escalation.acknowledgedBy ?? 'you'}; nobody else is paged.`, escalation.ticket.link);
    } catch (error) {
      if (!(error instanceof NotificationError)) throw error;
      return ackPage(reply, statusOfKind(NOTIFICATION_ERROR_KINDS[error.code]), 'Not acknowledged', `${error.code}: ${error.message}`, null);
    }
  }

  private async acknowledgeAs(token: string) {
    const target = this.links.read(token);
    const invalid = () => notificationError(NotificationErrorCode.InvalidSignature, 'This acknowledgement link is not valid', {});
    if (target === null) throw invalid();
    const loaded = await this.escalations.load(target.escalationId);
    const personId = loaded?.aggregate.paged.find((p) => p.level === target.level)?.personIds[target.index];
    // A signed link always names a paged person; anything else is not ours.
    if (personId === undefined) throw invalid();
    return this.acknowledger.execute({ escalationId: target.escalationId, personId, asAdmin: false }, this.clock.now().getTime());
  }
}
