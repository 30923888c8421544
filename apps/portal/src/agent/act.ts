import type { FormErrors } from '../api/graphql-errors';
import type { OperationName } from '../api/operations';

/**
 * Runs a mutation on the record shown: resolves to undefined when it succeeded, else to the server's
 * errors placed on `fields` (the caller shows those next to its fields; the rest is shown above the actions).
 */
export type Act = (operation: OperationName, variables: Readonly<Record<string, unknown>>, fields?: readonly string[]) => Promise<FormErrors | undefined>;
