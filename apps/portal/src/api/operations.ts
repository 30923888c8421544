import type { OperationName, RegisteredOperation } from './operation-names';

export type { OperationName } from './operation-names';

/** The portal's operations (operations.graphql), each as the build registered it (vite.config.mts). */
export const OPERATIONS: Readonly<Record<OperationName, RegisteredOperation>> = __PORTAL_OPERATIONS__;
