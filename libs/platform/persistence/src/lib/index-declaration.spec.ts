import { Schema } from 'mongoose';
import { aggregateDocumentPlugin } from './aggregate-repository';
import { collectionIndexes, index, schemaIndexes } from './index-declaration';

describe('index declarations', () => {
  it('reads a schema\'s own indexes and the outbox plugin\'s partial one, under its collection', () => {
    const schema = new Schema({ state: String, seq: Number }, { collection: 'things' });
    schema.plugin(aggregateDocumentPlugin);
    schema.index({ state: 1, seq: -1 });
    const scans = [{ shape: 'find {}', reason: 'an export' }];
    expect(schemaIndexes(schema, scans)).toEqual(
      collectionIndexes('things', [index({ _outboxPending: 1, _id: 1 }, { _outboxPending: true }), index({ state: 1, seq: -1 })], scans),
    );
  });

  it('refuses a schema without a collection name and keys that are not ascending or descending', () => {
    expect(() => schemaIndexes(new Schema({ a: String }))).toThrow(/must name its collection/);
    const text = new Schema({ a: String }, { collection: 'texts' });
    text.index({ a: 'text' });
    expect(() => schemaIndexes(text)).toThrow(/a: text/);
  });
});
