/**
 * The supergraph the gateway serves until its subgraphs first answer: one placeholder subgraph that
 * is never called (the context refuses every operation with GATEWAY.NOT_READY meanwhile). Composed
 * once with @apollo/composition from `type Query { gatewayStarting: Boolean }`.
 */
export const STARTING_SUBGRAPH = 'gateway-starting';

export const STARTING_SUPERGRAPH_SDL = `schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)
{
  query: Query
}

directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE

directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION

directive @join__graph(name: String!, url: String!) on ENUM_VALUE

directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE

directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR

directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION

directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA

scalar join__FieldSet

enum join__Graph {
  GATEWAY_STARTING @join__graph(name: "${STARTING_SUBGRAPH}", url: "http://${STARTING_SUBGRAPH}.invalid/graphql")
}

scalar link__Import

enum link__Purpose {
  """
  \`SECURITY\` features provide metadata necessary to securely resolve fields.
  """
  SECURITY

  """
  \`EXECUTION\` features provide metadata necessary for operation execution.
  """
  EXECUTION
}

type Query
  @join__type(graph: GATEWAY_STARTING)
{
  gatewayStarting: Boolean
}
`;
