/**
 * What an inbound mail is to the notification context (RFC 3834 loop rules, RFC 3464 reports):
 * - `reply`: a person answered a notification (sent to `reply+<token>@<our domain>`);
 * - `auto-reply`: an out-of-office, a vacation notice, a list or bulk mail, a null sender;
 * - `bounce`: a delivery status report about one of our mails (or a VERP bounce without one);
 * - `mdn`: a read receipt (disposition notification), ignored;
 * - `own`: one of our own notifications came back (our sender, our delivery header);
 * - `unknown`: none of these (a mail to an address we never hand out).
 * Only a `reply` can ever become a comment; everything is kept with `why`.
 */
export const INBOUND_KINDS = ['reply', 'auto-reply', 'bounce', 'mdn', 'own', 'unknown'] as const;
export type InboundKind = (typeof INBOUND_KINDS)[number];

/** The facts classification reads, taken from the parsed mail and the SMTP envelope. */
export interface InboundFacts {
  /** Header values by lower-case name, each occurrence unfolded, in order. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  /** The top-level content type, lower-case, without parameters (`multipart/report`). */
  readonly contentType: string;
  /** The `report-type` parameter of a `multipart/report`, lower-case, or null. */
  readonly reportType: string | null;
  /** The content types of every part below the top (lower-case): a `message/delivery-status` part marks a DSN. */
  readonly partTypes: readonly string[];
  /** The address of the header From, lower-case, or null. */
  readonly from: string | null;
  /** The envelope's MAIL FROM, lower-case; `''` for the null reverse path `<>`. */
  readonly mailFrom: string;
  /** The envelope's RCPT TO addresses, lower-case. */
  readonly rcptTo: readonly string[];
}

/** Our own addresses: the sender of every notification and the domain of reply and bounce addresses. */
export interface OurMailAddresses {
  readonly sender: string;
  readonly domain: string;
}

export type InboundClassification =
  | { readonly kind: 'reply'; readonly token: string; readonly why: string }
  | { readonly kind: 'bounce'; readonly deliveryId: string | null; readonly why: string }
  | { readonly kind: 'auto-reply' | 'mdn' | 'own' | 'unknown'; readonly why: string };
