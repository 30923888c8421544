/** A GraphQL error as the gateway answers it: typed errors carry `extensions.code` and `extensions.details`. */
export interface GatewayError {
  readonly message: string;
  readonly extensions?: { readonly code?: string; readonly details?: Readonly<Record<string, unknown>> };
}

/** A request the gateway answered with errors (or a transport failure, as one error). */
export class GatewayRequestError extends Error {
  constructor(readonly errors: readonly GatewayError[]) {
    super(errors.map((error) => error.message).join('; '));
    this.name = 'GatewayRequestError';
  }
}

/** Where a form shows the server's errors: next to a field, or above the form. */
export interface FormErrors {
  readonly fields: Readonly<Record<string, string>>;
  readonly form: readonly string[];
}

/** `Variable "$input" got invalid value "x" at "input.impact"; ...`: GraphQL's own coercion errors name the field in the path. */
const COERCION_PATH = /at "input\.([A-Za-z_][A-Za-z0-9_]*)/;

/**
 * The server's errors placed on a form whose inputs are named after the input type's fields: a typed
 * error's `details.field`, or the field a coercion error names; the first message per field wins;
 * everything else (and a field the form does not show) goes above the form.
 */
export function formErrorsOf(error: unknown, formFields: readonly string[]): FormErrors {
  const errors: readonly GatewayError[] = error instanceof GatewayRequestError ? error.errors : [{ message: error instanceof Error ? error.message : String(error) }];
  const fields: Record<string, string> = {};
  const form: string[] = [];
  for (const entry of errors) {
    const named = entry.extensions?.details?.['field'];
    const field = typeof named === 'string' ? named : COERCION_PATH.exec(entry.message)?.[1];
    if (field !== undefined && formFields.includes(field)) {
      fields[field] ??= entry.message;
    } else {
      form.push(entry.message);
    }
  }
  return { fields, form };
}
