/**
 * A context's schema marker: an empty class its GraphQL types name in `registerIn`, and that its
 * subgraph module lists in `schema`. Not the Nest module, so types do not import the module that
 * imports their resolvers (no import circle).
 */
export type SchemaMarker = abstract new () => object;
