/*
 * Service portfolio, service catalogue and request fulfilment (issue 15). So far the pure domain:
 * typed item forms, fulfilment plans, entitlements. The service, its topics and GraphQL come next.
 */
export * from './domain';
