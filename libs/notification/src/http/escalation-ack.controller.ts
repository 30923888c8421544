import { Clock } from '@itsm/platform/config';
import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import { AcknowledgeEscalationHandler } from '../application/commands/acknowledge-escalation/acknowledge-escalation.handler';
import { ACK_ROUTE_PREFIX } from '../application/escalation-ack-links';
import { EscalationAckLookup } from '../application/escalation-ack-links-lookup';
import type { AckLinkSubject } from '../application/escalation-ack-links-lookup';
import { NOTIFICATION_ERROR_KINDS, NotificationError } from '../domain';
import type { Escalation } from '../domain/escalation/escalation';
import { ackPage, AckReply, statusOfKind } from './escalation-ack-page';

const ticketOf = (e: Escalation): string => [e.ticket.number ?? e.ticket.id, e.ticket.title].filter((part) => part !== null).join(': ');

/**
 * The link in an on-call page, `/notification/v1/ack/<token>` (no sign-in: the signed token is the
 * proof, one per paged person). GET only shows what it would acknowledge, with a button: mail
 * security scanners (Safe Links, Mimecast, Proofpoint) fetch every link in a mail and must not
 * acknowledge a page nobody read. POST acknowledges as the paged person; again changes nothing.
 * A token that does not verify is 403 NOTIFICATION.INVALID_SIGNATURE, an escalation no longer kept 404.
 */
@Controller(ACK_ROUTE_PREFIX.slice(1))
export class EscalationAckController {
  constructor(
    private readonly lookup: EscalationAckLookup,
    private readonly acknowledger: AcknowledgeEscalationHandler,
    private readonly clock: Clock,
  ) {}

  @Get(':token')
  show(@Param('token') token: string, @Res({ passthrough: true }) reply: AckReply): Promise<string> {
    return this.answer(reply, async () => {
      const subject = await this.lookup.subject(token);
      const { escalation } = subject;
      if (escalation.acknowledgedBy !== null) return this.acknowledgedPage(reply, subject, escalation);
      const names = await this.lookup.names([subject.personId]);
      const lines = [`${names.get(subject.personId) ?? subject.personId} was paged (level ${subject.level}) for ${ticketOf(escalation)}.`, 'Acknowledge to take it: nobody else is paged after you.'];
      return ackPage(reply, 200, { title: 'Acknowledge this page?', lines, link: escalation.ticket.link, form: true });
    });
  }

  @Post(':token')
  acknowledge(@Param('token') token: string, @Res({ passthrough: true }) reply: AckReply): Promise<string> {
    return this.answer(reply, async () => {
      const subject = await this.lookup.subject(token);
      const escalation = await this.acknowledger.execute({ escalationId: subject.escalation.id, personId: subject.personId, asAdmin: false }, this.clock.now().getTime());
      return this.acknowledgedPage(reply, subject, escalation);
    });
  }

  private async acknowledgedPage(reply: AckReply, subject: AckLinkSubject, escalation: Escalation): Promise<string> {
    const by = escalation.acknowledgedBy ?? subject.personId;
    const names = await this.lookup.names([by]);
    const at = escalation.acknowledgedAt === null ? '' : ` at ${new Date(escalation.acknowledgedAt).toISOString()}`;
    const lines = [`${ticketOf(escalation)} is acknowledged by ${names.get(by) ?? by} (${by})${at}; nobody else is paged.`];
    return ackPage(reply, 200, { title: 'Acknowledged', lines, link: escalation.ticket.link, form: false });
  }

  private async answer(reply: AckReply, page: () => Promise<string>): Promise<string> {
    try {
      return await page();
    } catch (error) {
      if (!(error instanceof NotificationError)) throw error;
      return ackPage(reply, statusOfKind(NOTIFICATION_ERROR_KINDS[error.code]), { title: 'Not acknowledged', lines: [`${error.code}: ${error.message}`], link: null, form: false });
    }
  }
}
