/** Why a webhook key string was refused (a supplier's key on registration, a secret from config). */
export enum WebhookKeyErrorCode {
  /** Not `whsec_` (HMAC secret), `whsk_` (Ed25519 private key) or `whpk_` (Ed25519 public key) as expected. */
  WrongPrefix = 'WEBHOOK.KEY_WRONG_PREFIX',
  /** The part after the prefix is not canonical base64. */
  BadEncoding = 'WEBHOOK.KEY_BAD_ENCODING',
  /** An HMAC secret outside 24-64 bytes, or an Ed25519 key not 32 bytes. */
  BadLength = 'WEBHOOK.KEY_BAD_LENGTH',
}

export class WebhookKeyError extends Error {
  override readonly name = 'WebhookKeyError';

  constructor(
    readonly code: WebhookKeyErrorCode,
    message: string,
  ) {
    super(message);
  }
}
