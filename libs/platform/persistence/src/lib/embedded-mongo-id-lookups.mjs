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

/** The ObjectIds once each. */
const unique = (ids) => [...new Map(ids.map((id) => [id.toHexString(), id])).values()];

/** The storage as one command sees it: `findAll` of its collection answers the pinned documents only. */
function pinnedStorage(storage, database, collection, ids) {
  const findAll = async (db, coll) => {
    if (db !== database || coll !== collection) return storage.findAll(db, coll);
    const found = await Promise.all(unique(ids).map((id) => storage.findById(db, coll, id)));
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
 * How one command reads its collection: `{ context, plan }`, the context to hand to CongoDB's
 * handler (its storage answering only the documents read, its filter without the fields an index
 * answered exactly) and the plan: `IDHACK` by `_id` (the ids), `IXSCAN` through a declared index
 * (the index and the number of documents read), or `COLLSCAN`.
 */
async function narrowed(indexes, name, context) {
  const collection = context.command[name];
  const filters = typeof collection === 'string' ? PINNABLE[name](context.command, context.documentSequences) : [];
  const scan = { context, plan: { stage: 'COLLSCAN' } };
  if (filters.length === 0) return scan;
  const pinned = filters.map(pinnedIds);
  if (pinned.every((ids) => ids !== undefined)) {
    const ids = pinned.flat();
    return {
      context: { ...context, storage: pinnedStorage(context.storage, context.database, collection, ids) },
      plan: { stage: 'IDHACK', ids },
    };
  }
  const found = await indexes.candidates(context.database, collection, filters);
  if (found === undefined) return scan;
  const command = found.exact && (name === 'find' || name === 'count') ? withoutAnswered(name, context.command, found.pinnedFields) : context.command;
  return {
    context: { ...context, command, storage: storageAnswering(context.storage, context.database, collection, found.documents) },
    plan: { stage: 'IXSCAN', indexName: found.indexName, trieBuild: found.trieBuild, docsExamined: found.documents.length },
  };
}

/**
 * `explain` of a find or count, in MongoDB's shape as far as the embedded server can tell:
 * `queryPlanner.winningPlan` (FETCH over an IXSCAN of the index used, with the number of its
 * trie's build, which changes only when the trie is rebuilt; IDHACK; or COLLSCAN) and
 * `executionStats.totalDocsExamined` (the documents the command reads), so a spec can show that a
 * look-up is served by key on either peer.
 */
function explainHandler(indexes) {
  return {
    async handle(context) {
      const explained = context.command.explain;
      const name = explained !== null && typeof explained === 'object' ? ['find', 'count'].find((key) => typeof explained[key] === 'string') : undefined;
      if (name === undefined) return { ok: 0, errmsg: 'embedded-mongo: explain supports find and count only', code: 2, codeName: 'BadValue' };
      const { plan } = await narrowed(indexes, name, { ...context, command: explained });
      const collection = explained[name];
      const exists = await context.storage.collectionExists(context.database, collection);
      let docsExamined = plan.docsExamined;
      if (plan.stage === 'COLLSCAN') docsExamined = exists ? await context.storage.count(context.database, collection) : 0;
      if (plan.stage === 'IDHACK') docsExamined = exists ? (await Promise.all(unique(plan.ids).map((id) => context.storage.findById(context.database, collection, id)))).filter(Boolean).length : 0;
      const winningPlan = plan.stage === 'IXSCAN' ? { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: plan.indexName, trieBuild: plan.trieBuild } } : { stage: plan.stage };
      return {
        ok: 1,
        queryPlanner: { namespace: `${context.database}.${collection}`, winningPlan },
        executionStats: { totalDocsExamined: docsExamined },
      };
    },
  };
}

/** The statements field of the write commands that carry several. */
const STATEMENTS = { update: 'updates', delete: 'deletes' };

/**
 * An update or delete of several statements run as one command per statement, the answers merged
 * into the one MongoDB gives (n, nModified, upserted and writeErrors with the statements' indexes;
 * an ordered command stops at its first write error). CongoDB reads its collection once per
 * statement: pinned as one command, each of N statements would read and test the documents of all N
 * (a bulk write of 500 updates by `_id` tested 250,000 documents); split, each reads its own.
 */
async function perStatement(handle, name, context) {
  const field = STATEMENTS[name];
  const statements = context.documentSequences?.get(field) ?? context.command[field];
  if (!Array.isArray(statements) || statements.length < 2) return handle(context);
  const ordered = context.command.ordered !== false;
  let documentSequences = context.documentSequences;
  if (documentSequences?.has(field)) {
    documentSequences = new Map(documentSequences);
    documentSequences.delete(field);
  }
  const merged = { ok: 1, n: 0, ...(name === 'update' ? { nModified: 0 } : {}) };
  const upserted = [];
  const writeErrors = [];
  for (let i = 0; i < statements.length; i += 1) {
    const answer = await handle({ ...context, documentSequences, command: { ...context.command, [field]: [statements[i]] } });
    if (answer.ok !== 1) return answer;
    merged.n += answer.n ?? 0;
    if (name === 'update') merged.nModified += answer.nModified ?? 0;
    for (const row of answer.upserted ?? []) upserted.push({ ...row, index: row.index + i });
    for (const error of answer.writeErrors ?? []) writeErrors.push({ ...error, index: error.index + i });
    if (ordered && (answer.writeErrors?.length ?? 0) > 0) break;
  }
  if (upserted.length > 0) merged.upserted = upserted;
  if (writeErrors.length > 0) merged.writeErrors = writeErrors;
  return merged;
}

/**
 * Wraps the server's find/count/update/delete/findAndModify handlers with the look-ups by key: by
 * `_id` when every filter pins it, else through a declared index when every filter pins its
 * leading fields (embedded-mongo-index-lookups.mjs), an update or delete statement by statement;
 * adds `explain` for find and count.
 */
export function serveLookupsByKey(server) {
  const handlers = server.commandRouter?.handlers;
  if (!(handlers instanceof Map)) throw new Error('embedded-mongo: this CongoDB version has no command handler map to extend');
  const indexes = new DeclaredIndexLookups(server.getStorage());
  for (const name of Object.keys(PINNABLE)) {
    const handler = handlers.get(name);
    if (handler === undefined) throw new Error(`embedded-mongo: this CongoDB version has no ${name} handler`);
    const handle = async (context) => handler.handle((await narrowed(indexes, name, context)).context);
    handlers.set(name, { handle: name in STATEMENTS ? (context) => perStatement(handle, name, context) : handle });
  }
  if (handlers.has('explain')) throw new Error('embedded-mongo: this CongoDB version has its own explain');
  handlers.set('explain', explainHandler(indexes));
}
