// `_id` look-ups by key for the embedded MongoDB-wire server. CongoDB answers every find, count,
// update, delete and findAndModify by reading the whole collection and testing each document with
// mingo (which hashes an ObjectId per document to compare it): a read or write of one aggregate by
// its `_id` costs a scan, so writing N aggregates costs O(N^2) and a directory of 100,000 people
// takes hours. Real MongoDB serves these through its `_id` index. Here, when every filter of such a
// command pins `_id` (an ObjectId, `{ $eq: ObjectId }` or `{ $in: [ObjectId, ...] }`), the handler
// reads only the pinned documents (the storage's own by-key get); CongoDB's filter, sort, limit,
// projection and update then run on them unchanged, so the answers are the same (a document whose
// `_id` is not pinned cannot match). A command that does not pin `_id` but pins the leading fields
// of a declared index reads through that index (embedded-mongo-index-lookups.mjs); others scan as before.

import { DeclaredIndexLookups } from './embedded-mongo-index-lookups.mjs';

const PINNABLE = {
  find: (command) => [command.filter],
  count: (command) => [command.query],
  findAndModify: (command) => [command.query],
  update: (command, sequences) => (sequences?.get('updates') ?? command.updates ?? []).map((spec) => spec.q ?? spec.filter),
  delete: (command, sequences) => (sequences?.get('deletes') ?? command.deletes ?? []).map((spec) => spec.q ?? spec.filter),
};

const isObjectId = (value) => value !== null && typeof value === 'object' && value._bsontype === 'ObjectId' && typeof value.toHexString === 'function';

/** The ObjectIds a filter restricts `_id` to, or undefined when it does not pin `_id`. */
export function pinnedIds(filter) {
  if (filter === null || typeof filter !== 'object') return undefined;
  const id = filter._id;
  if (isObjectId(id)) return [id];
  if (id === null || typeof id !== 'object' || Array.isArray(id)) return undefined;
  const operators = Object.keys(id);
  if (operators.length !== 1) return undefined;
  if (operators[0] === '$eq' && isObjectId(id.$eq)) return [id.$eq];
  if (operators[0] === '$in' && Array.isArray(id.$in) && id.$in.every(isObjectId)) return id.$in;
  return undefined;
}

/** The storage as one command sees it: `findAll` of its collection answers the pinned documents only. */
function pinnedStorage(storage, database, collection, ids) {
  const unique = [...new Map(ids.map((id) => [id.toHexString(), id])).values()];
  const findAll = async (db, coll) => {
    if (db !== database || coll !== collection) return storage.findAll(db, coll);
    const found = await Promise.all(unique.map((id) => storage.findById(db, coll, id)));
    return found.filter((document) => document !== null && document !== undefined);
  };
  return new Proxy(storage, {
    get(target, property) {
      if (property === 'findAll') return findAll;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The storage as one command sees it: `findAll` of its collection answers the given documents only. */
function storageAnswering(storage, database, collection, documents) {
  const findAll = async (db, coll) => (db === database && coll === collection ? documents : storage.findAll(db, coll));
  return new Proxy(storage, {
    get(target, property) {
      if (property === 'findAll') return findAll;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A find's or count's command without the fields an index answered exactly. */
function withoutAnswered(name, command, fields) {
  const key = name === 'find' ? 'filter' : 'query';
  const rest = { ...command[key] };
  for (const field of fields) delete rest[field];
  return { ...command, [key]: rest };
}

/**
 * Wraps the server's find/count/update/delete/findAndModify handlers with the look-ups by key: by
 * `_id` when every filter pins it, else through a declared index when every filter pins its
 * leading fields (embedded-mongo-index-lookups.mjs).
 */
export function serveLookupsByKey(server) {
  const handlers = server.commandRouter?.handlers;
  if (!(handlers instanceof Map)) throw new Error('embedded-mongo: this CongoDB version has no command handler map to extend');
  const indexes = new DeclaredIndexLookups(server.getStorage());
  for (const [name, filtersOf] of Object.entries(PINNABLE)) {
    const handler = handlers.get(name);
    if (handler === undefined) throw new Error(`embedded-mongo: this CongoDB version has no ${name} handler`);
    handlers.set(name, {
      async handle(context) {
        const collection = context.command[name];
        const filters = typeof collection === 'string' ? filtersOf(context.command, context.documentSequences) : [];
        if (filters.length === 0) return handler.handle(context);
        const pinned = filters.map(pinnedIds);
        if (pinned.every((ids) => ids !== undefined)) {
          return handler.handle({ ...context, storage: pinnedStorage(context.storage, context.database, collection, pinned.flat()) });
        }
        const found = await indexes.candidates(context.database, collection, filters);
        if (found === undefined) return handler.handle(context);
        const command = found.exact && (name === 'find' || name === 'count') ? withoutAnswered(name, context.command, found.pinnedFields) : context.command;
        return handler.handle({ ...context, command, storage: storageAnswering(context.storage, context.database, collection, found.documents) });
      },
    });
  }
}
