import { simpleParser } from 'mailparser';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { LocalMailSink } from './local-mail-sink';

const AT = new Date(Date.UTC(2031, 4, 6, 7, 8, 9, 10));

async function send(url: string, to: string, subject: string, bcc?: string): Promise<void> {
  const transport = createTransport(url);
  try {
    await transport.sendMail({ from: 'notify@itsm.localhost', to, ...(bcc ? { bcc } : {}), subject, text: `Plain ${subject}`, html: `<p>HTML ${subject}</p>`, messageId: `<${subject}@itsm.localhost>` });
  } finally {
    transport.close();
  }
}

describe('LocalMailSink: the all-in-one\'s SMTP sink writes each mail as a readable .eml', () => {
  let dir: string;

  beforeAll(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'itsm-mail-')), 'mail');
  });
  afterAll(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('accepts a mail on loopback and writes it under <time>-<n>.eml, parseable, with its envelope recipients', async () => {
    const sink = await LocalMailSink.start({ dir, port: 0, now: () => AT });
    try {
      expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
      await send(sink.url, 'ana@example.com', 'first', 'boss@example.com');
      await send(`smtp://user:pass@127.0.0.1:${sink.port}`, 'ben@example.com', 'second');
    } finally {
      await sink.close();
    }
    expect((await readdir(dir)).sort()).toEqual(['2031-05-06T07-08-09.010Z-1.eml', '2031-05-06T07-08-09.010Z-2.eml']);
    const raw = await readFile(join(dir, '2031-05-06T07-08-09.010Z-1.eml'));
    expect(raw.toString('utf8')).toMatch(/^Return-Path: <notify@itsm\.localhost>\r\nDelivered-To: ana@example\.com\r\nDelivered-To: boss@example\.com\r\n/);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('first');
    expect(mail.messageId).toBe('<first@itsm.localhost>');
    expect(mail.from?.text).toBe('notify@itsm.localhost');
    expect(mail.text?.trim()).toBe('Plain first');
    expect(mail.html).toContain('<p>HTML first</p>');
    expect((await simpleParser(await readFile(join(dir, '2031-05-06T07-08-09.010Z-2.eml')))).subject).toBe('second');
  });

  it('never overwrites the mails of an earlier run, and refuses a port already taken', async () => {
    const sink = await LocalMailSink.start({ dir, port: 0, now: () => AT });
    try {
      await expect(LocalMailSink.start({ dir, port: sink.port })).rejects.toThrow(/EADDRINUSE/);
      await send(sink.url, 'ana@example.com', 'third');
    } finally {
      await sink.close();
    }
    expect((await readdir(dir)).sort()).toEqual(['2031-05-06T07-08-09.010Z-1.eml', '2031-05-06T07-08-09.010Z-2.eml', '2031-05-06T07-08-09.010Z-3.eml']);
    expect((await simpleParser(await readFile(join(dir, '2031-05-06T07-08-09.010Z-1.eml')))).subject).toBe('first');
    expect((await simpleParser(await readFile(join(dir, '2031-05-06T07-08-09.010Z-3.eml')))).subject).toBe('third');
  });
});
