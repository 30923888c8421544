import { replyText } from './reply-text';

describe('reply text (what the person added)', () => {
  it('cuts Gmail\'s "On ... wrote:" and the quoted lines', () => {
    expect(replyText('Rebooted, works again.\r\n\r\nOn Thu, Dec 3, 2026 at 9:02 AM ITSM <notify@itsm.test> wrote:\r\n> assigned to you\r\n')).toBe('Rebooted, works again.');
  });

  it('cuts a wrapped "On ... wrote:" spanning two lines', () => {
    expect(replyText('Done.\n\nOn Thu, Dec 3, 2026 at 9:02 AM ITSM <\nnotify@itsm.test> wrote:\n> old')).toBe('Done.');
  });

  it('cuts the German "Am ... schrieb ...:"', () => {
    expect(replyText('Erledigt.\n\nAm Do., 3. Dez. 2026 um 09:02 Uhr schrieb ITSM <notify@itsm.test>:\n> alt')).toBe('Erledigt.');
  });

  it('cuts Outlook\'s original-message separator and its From/Sent block', () => {
    expect(replyText('Yes.\n\n-----Original Message-----\nFrom: ITSM\nSent: Thursday\n\nold')).toBe('Yes.');
    expect(replyText('Ja.\n\n________________________________\nVon: ITSM <notify@itsm.test>\nGesendet: Donnerstag, 3. Dezember 2026 09:02\nAn: Bob\nold')).toBe('Ja.');
    expect(replyText('Yes.\n\nFrom: ITSM <notify@itsm.test>\nSent: Thursday, December 3, 2026 9:02 AM\nTo: Alice\nSubject: old')).toBe('Yes.');
  });

  it('keeps a "From:" line that starts no header block', () => {
    expect(replyText('From: the logs, the switch failed.\nRebooted.')).toBe('From: the logs, the switch failed.\nRebooted.');
  });

  it('drops the signature and interleaved quotes, keeps the answers', () => {
    expect(replyText('> Is it down?\nYes, since 9.\n> Which rack?\nRack 4.\n\n-- \nAlice\n+41 44 000')).toBe('Yes, since 9.\nRack 4.');
  });

  it('is empty when the reply added nothing', () => {
    expect(replyText('\n\nOn Mon, Jan 1, 2026, ITSM wrote:\n> x')).toBe('');
  });
});
