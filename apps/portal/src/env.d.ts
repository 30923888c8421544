import type { OperationName, RegisteredOperation } from './api/operation-names';

declare global {
  /** The portal's operations, each with the SHA-256 of its text, written by the build (vite.config.mts) from api/operations.graphql. */
  const __PORTAL_OPERATIONS__: Readonly<Record<OperationName, RegisteredOperation>>;
}
