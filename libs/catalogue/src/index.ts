/*
 * Service portfolio, service catalogue and request fulfilment (issue 15): the pure domain (typed item
 * forms, fulfilment plans, entitlements) and the context (`catalogueContext`) the service kit runs.
 */
export * from './domain';
export { CATALOGUE_CONSUMER_GROUP, catalogueContext } from './catalogue.context';
