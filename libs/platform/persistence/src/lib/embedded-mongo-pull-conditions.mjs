// `$pull` with a condition on the elements' fields for the embedded MongoDB-wire server. MongoDB reads
// `{ $pull: { list: { sequence: { $lte: 5 } } } }` as a query each element is matched against (so it
// removes the elements whose `sequence` is at most 5). CongoDB treats a condition whose own keys are not
// operators as field-by-field equality, so `{ $lte: 5 }` is compared as a value and nothing is removed:
// an outbox the relay prunes that way (MongoOutboxStore.markPublished) kept every published event.
// Here such a condition on a document element is matched as MongoDB matches it (CongoDB's QueryEngine);
// every other form of `$pull` runs as before.

const hasOperatorValue = (condition) => Object.values(condition).some((value) => value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((key) => key.startsWith('$')));

/** Patches `UpdateEngine.applyPull` of CongoDB's module (one process-wide class). */
export function pullByElementQuery(UpdateEngine, QueryEngine) {
  const original = UpdateEngine.applyPull.bind(UpdateEngine);
  UpdateEngine.applyPull = (doc, fields, arrayFilters) => {
    const rest = {};
    for (const [path, condition] of Object.entries(fields)) {
      const queryOnFields = condition !== null && typeof condition === 'object' && !Array.isArray(condition) && !Object.keys(condition).some((key) => key.startsWith('$')) && hasOperatorValue(condition);
      const list = queryOnFields ? UpdateEngine.getNestedValue(doc, path) : undefined;
      if (!Array.isArray(list)) {
        rest[path] = condition;
        continue;
      }
      const remaining = list.filter((item) => item === null || typeof item !== 'object' || !QueryEngine.matches(item, condition));
      list.length = 0;
      list.push(...remaining);
    }
    if (Object.keys(rest).length > 0) original(doc, rest, arrayFilters);
  };
}
