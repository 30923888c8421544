import { formErrorsOf, GatewayRequestError } from '../api/graphql-errors';
import type { FormErrors } from '../api/graphql-errors';

/**
 * The server's refusal of an order placed on the item's form: the catalogue's errors name the
 * variable in `details.variable` (CATALOGUE.INVALID_VARIABLE, MISSING_VARIABLE, HIDDEN_VARIABLE,
 * UNKNOWN_REFERENCE); each shows next to that variable, everything else above the form. The portal
 * orders one line at a time, so the server's `Line 0: ` (which line of the cart) is left off.
 */
export function orderErrorsOf(error: unknown, variables: readonly string[]): FormErrors {
  if (!(error instanceof GatewayRequestError)) return formErrorsOf(error, variables);
  const named = error.errors.map((entry) => {
    const variable = entry.extensions?.details?.['variable'];
    const message = typeof entry.extensions?.details?.['line'] === 'number' ? entry.message.replace(/^Line \d+: /, '') : entry.message;
    return typeof variable === 'string' ? { message, extensions: { ...entry.extensions, details: { ...entry.extensions?.details, field: variable } } } : { ...entry, message };
  });
  return formErrorsOf(new GatewayRequestError(named), variables);
}

/** A price in minor units of its currency, in the page's language (`1.450,00 €`). */
export function formatPrice(minor: number, currency: string, language: string): string {
  try {
    const format = new Intl.NumberFormat(language, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}
