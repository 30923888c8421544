/**
 * The portfolio's services as a form's `service` references name them: which of `ids` it does not
 * know, retired ones counting as known.
 */
export abstract class KnownServices {
  abstract unknown(ids: readonly string[]): Promise<readonly string[]>;
}
