import type { SendMailOptions } from 'nodemailer';
import type { AttemptOutcome } from '../../../domain/delivery';

/** Hands one composed mail to the relay: sent (250), retry (4xx, a timeout, an open breaker) or failed (5xx). */
export abstract class MailSender {
  abstract send(mail: SendMailOptions): Promise<AttemptOutcome>;
}
