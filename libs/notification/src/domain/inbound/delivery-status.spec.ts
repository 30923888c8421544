import { bounceEffect } from './bounce';
import { bounceReason, parseDeliveryStatus } from './delivery-status';

const dsn = [
  'Reporting-MTA: dns; mx1.contoso.example',
  'Original-Envelope-Id: 0123456789abcdef01234567',
  '',
  'Final-Recipient: rfc822; Gone@Contoso.example',
  'Action: failed',
  'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550 5.1.1 <gone@contoso.example>: Recipient address rejected:',
  '    User unknown in virtual mailbox table',
  '',
  'Final-Recipient: rfc822; slow@contoso.example',
  'Action: delayed',
  'Status: 4.4.1',
].join('\r\n');

describe('delivery status reports (RFC 3464)', () => {
  it('reads the envelope id and each recipient, unfolding continued fields', () => {
    const report = parseDeliveryStatus(dsn);
    expect(report.envelopeId).toBe('0123456789abcdef01234567');
    expect(report.recipients).toEqual([
      { recipient: 'gone@contoso.example', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <gone@contoso.example>: Recipient address rejected: User unknown in virtual mailbox table' },
      { recipient: 'slow@contoso.example', action: 'delayed', status: '4.4.1', diagnostic: null },
    ]);
  });

  it('gives a bounce reason only for a failed recipient', () => {
    expect(bounceReason(parseDeliveryStatus(dsn))).toBe('bounced 5.1.1: 550 5.1.1 <gone@contoso.example>: Recipient address rejected: User unknown in virtual mailbox table');
    expect(bounceReason(parseDeliveryStatus(dsn.replace('Action: failed', 'Action: delayed')))).toBeNull();
  });

  it('skips blocks without recipient or action and survives garbage', () => {
    expect(parseDeliveryStatus('garbage\n\nno colon here\n\nAction: failed')).toEqual({ envelopeId: null, recipients: [] });
  });
});

describe('a bounce\'s effect', () => {
  const id = '0123456789abcdef01234567';
  it('fails the VERP delivery, else the envelope id\'s', () => {
    expect(bounceEffect(id, [dsn])).toMatchObject({ kind: 'fail', deliveryId: id });
    expect(bounceEffect(null, [dsn])).toMatchObject({ kind: 'fail', deliveryId: id });
    expect(bounceEffect(null, [dsn.replace(/Original-Envelope-Id.*\r\n/, '')])).toEqual({ kind: 'none', why: 'a bounce naming no delivery of ours' });
  });

  it('fails nothing for a delay, and a VERP bounce without a report as such', () => {
    expect(bounceEffect(id, [dsn.replace('Action: failed', 'Action: delayed')])).toEqual({ kind: 'none', why: 'no recipient failed (delayed, delayed)' });
    expect(bounceEffect(id, [])).toEqual({ kind: 'fail', deliveryId: id, reason: 'bounced without a delivery status report' });
  });
});
