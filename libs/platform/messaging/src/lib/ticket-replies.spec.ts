import { CodedError, createEnvelope } from '@itsm/contracts';
import type { ErrorKinds, EventOf, notificationTopic } from '@itsm/contracts';
import { incidentTopic, requestTopic } from '@itsm/contracts';
import { isRetryable, MessagingError } from './messaging.errors';
import { consumeTicketReply } from './ticket-replies';
import type { TicketReply } from './ticket-replies';

enum TicketCode {
  NotFound = 'TICKET.NOT_FOUND',
  Conflict = 'TICKET.CONFLICT',
}
class TicketError extends CodedError<TicketCode> {}
const KINDS: ErrorKinds<TicketCode> = { [TicketCode.NotFound]: 'not_found', [TicketCode.Conflict]: 'conflict' };
const AT = '2026-01-05T10:00:00.000Z';

const reply = (ticketTopic: string): EventOf<typeof notificationTopic> =>
  createEnvelope({
    id: 'e-1',
    source: '/itsm/notification',
    type: 'itsm.notification.reply-received.v1',
    subject: 'ticket-1',
    time: new Date(AT),
    sequence: 1,
    correlationid: 'c-1',
    data: { replyId: 'r-1', ticketTopic, ticketId: 'ticket-1', personId: 'p-1', body: 'Thanks.', deliveryId: 'd-1', by: 'p-1', at: AT },
  });

describe('consumeTicketReply (a reply to a notification mail, for the context owning its ticket)', () => {
  it('applies a reply about a ticket of its topic, with the reply', async () => {
    const applied: TicketReply[] = [];
    await consumeTicketReply(reply(requestTopic.name), requestTopic, KINDS, (r) => Promise.resolve(applied.push(r)));
    expect(applied).toEqual([expect.objectContaining({ replyId: 'r-1', ticketId: 'ticket-1', personId: 'p-1', body: 'Thanks.' })]);
  });

  it("leaves another topic's replies and the notification stream's other events alone", async () => {
    const apply = jest.fn(() => Promise.resolve());
    await consumeTicketReply(reply(incidentTopic.name), requestTopic, KINDS, apply);
    const { data: _reply, ...envelope } = reply(requestTopic.name);
    const exhausted = { level: 1, escalationId: 'x', policyId: 'y', ticketTopic: requestTopic.name, ticketId: 'ticket-1', ticketNumber: null, groupId: null, by: 'p-1', at: AT };
    await consumeTicketReply({ ...envelope, type: 'itsm.notification.escalation-exhausted.v1', data: exhausted }, requestTopic, KINDS, apply);
    expect(apply).not.toHaveBeenCalled();
  });

  it('dead-letters a refusal with its code at once, and lets a retryable one be retried', async () => {
    const refused = await consumeTicketReply(reply(requestTopic.name), requestTopic, KINDS, () => Promise.reject(new TicketError(TicketCode.NotFound, 'no ticket-1'))).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MessagingError);
    expect(refused).toMatchObject({ message: 'TICKET.NOT_FOUND: no ticket-1' });
    expect(isRetryable(refused)).toBe(false);
    const conflict = new TicketError(TicketCode.Conflict, 'lost a race');
    const retried = await consumeTicketReply(reply(requestTopic.name), requestTopic, KINDS, () => Promise.reject(conflict)).catch((error: unknown) => error);
    expect(retried).toBe(conflict);
  });
});
