import type { OperationName } from '../api/operations';

/** Runs a mutation on the record shown: resolves to undefined when it succeeded, else to the failure (already shown above the actions). */
export type Act = (operation: OperationName, variables: Readonly<Record<string, unknown>>) => Promise<unknown>;
