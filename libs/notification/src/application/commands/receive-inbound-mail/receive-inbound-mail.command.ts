import type { InboundEnvelope } from '../../inbound/parse-inbound-mail';

/** One mail the MTA handed over (LMTP or SMTP): its raw bytes and its envelope, received at `now`. */
export class ReceiveInboundMailCommand {
  constructor(
    readonly raw: Buffer,
    readonly envelope: InboundEnvelope,
    readonly now: number,
  ) {}
}
