/**
 * What the self-service pages may ask the server for, mirroring the catalogue's role sets
 * (libs/catalogue/src/graphql/request-role-sets.ts): a page that the server would refuse is not offered.
 */
const REQUEST_ORDERERS: readonly string[] = ['requester', 'agent', 'incident-manager', 'problem-manager', 'change-manager', 'cab-member', 'implementer', 'catalogue-admin', 'admin'];
/** REQUEST_READERS: who reads requests and decides request approvals (the same set as the orderers). */
const REQUEST_READERS: readonly string[] = REQUEST_ORDERERS;

/** May order catalogue items (`orderCatalogItems`); a supplier agent works tasks, it does not order. */
export const ordersItems = (roles: readonly string[]): boolean => roles.some((role) => REQUEST_ORDERERS.includes(role));
/** May read requests and request approvals (`requests`, `myApprovals`). */
export const readsRequests = (roles: readonly string[]): boolean => roles.some((role) => REQUEST_READERS.includes(role));
/** CHANGE_READERS (libs/change/src/graphql/change-role-sets.ts): who may have change approvals to decide (`myPendingApprovals`). */
const CHANGE_READERS: readonly string[] = ['requester', 'change-manager', 'cab-member', 'implementer', 'supplier-agent', 'admin'];

/** May read the changes awaiting a decision. */
export const readsChangeApprovals = (roles: readonly string[]): boolean => roles.some((role) => CHANGE_READERS.includes(role));
/** Has anything the approvals page may show: request approvals or change approvals. */
export const hasApprovals = (roles: readonly string[]): boolean => readsRequests(roles) || readsChangeApprovals(roles);
