// graphql-ws publishes its `ws` adapter as the export `graphql-ws/use/ws`; this repository's
// TypeScript resolution (node10) reads no `exports`, so the types are named by their file.
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws';
}
