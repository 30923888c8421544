// Projection per batch for the embedded MongoDB-wire server. CongoDB answers a find by projecting
// every matching document at once and keeping the projected copies in its cursor until the last
// getMore: re-arming the SLA timers (half a million tickets over four cursors) held a million
// short-lived copies long enough to be promoted to the old generation of a multi-gigabyte heap,
// whose collections then competed with the service for the machine's cores. Here a find that opens
// a cursor runs without its projection, its cursor keeps references to the stored documents, and
// each batch is projected as it is sent (CongoDB's own projection, one document at a time, so the
// answers are the same). The cursor holds what its find read, as CongoDB's unprojected cursors do.

/** The cursor id's text: `Long`, bigint or number as the driver and CongoDB pass them. */
function cursorKey(id) {
  if (typeof id === 'bigint' || typeof id === 'number') return String(id);
  if (id !== null && typeof id === 'object' && typeof id.toString === 'function') return id.toString();
  return undefined;
}

const hasProjection = (projection) => projection !== null && typeof projection === 'object' && Object.keys(projection).length > 0;

/**
 * Wraps the server's find and getMore (and killCursors, to forget) so that a projected find's
 * cursor projects batch by batch. A find answered in one batch is projected at once, as before.
 */
export function projectPerBatch(server, queryEngine) {
  const handlers = server.commandRouter?.handlers;
  if (!(handlers instanceof Map)) throw new Error('embedded-mongo: this CongoDB version has no command handler map to extend');
  for (const name of ['find', 'getMore', 'killCursors']) if (!handlers.has(name)) throw new Error(`embedded-mongo: this CongoDB version has no ${name} handler`);
  if (typeof queryEngine?.project !== 'function') throw new Error('embedded-mongo: this CongoDB version has no QueryEngine.project');
  const find = handlers.get('find');
  const getMore = handlers.get('getMore');
  const killCursors = handlers.get('killCursors');
  /** Open cursor id -> the projection its batches still need. */
  const projections = new Map();
  const project = (documents, projection) => queryEngine.project(documents, projection);

  handlers.set('find', {
    async handle(context) {
      const { projection } = context.command;
      if (!hasProjection(projection) || context.command.singleBatch === true) return find.handle(context);
      const { projection: _projection, ...unprojected } = context.command;
      const answer = await find.handle({ ...context, command: unprojected });
      const cursor = answer?.ok === 1 ? answer.cursor : undefined;
      if (cursor === undefined || !Array.isArray(cursor.firstBatch)) return answer;
      const key = cursorKey(cursor.id);
      if (key !== undefined && key !== '0') projections.set(key, projection);
      return { ...answer, cursor: { ...cursor, firstBatch: project(cursor.firstBatch, projection) } };
    },
  });
  handlers.set('getMore', {
    async handle(context) {
      const key = cursorKey(context.command.getMore);
      const projection = key === undefined ? undefined : projections.get(key);
      const answer = await getMore.handle(context);
      if (projection === undefined) return answer;
      const cursor = answer?.ok === 1 ? answer.cursor : undefined;
      if (cursor === undefined || cursorKey(cursor.id) === '0') projections.delete(key);
      if (cursor === undefined || !Array.isArray(cursor.nextBatch)) return answer;
      return { ...answer, cursor: { ...cursor, nextBatch: project(cursor.nextBatch, projection) } };
    },
  });
  handlers.set('killCursors', {
    async handle(context) {
      for (const id of Array.isArray(context.command.cursors) ? context.command.cursors : []) {
        const key = cursorKey(id);
        if (key !== undefined) projections.delete(key);
      }
      return killCursors.handle(context);
    },
  });
}
