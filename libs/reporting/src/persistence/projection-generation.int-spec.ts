import { connectContext } from '@itsm/platform/persistence';
import { randomUUID } from 'node:crypto';
import { dropEarlierGenerations, generationSource } from './projection-generation';

const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

describe('projection generations on the MongoDB peer', () => {
  it('keeps each generation in its own collections and drops only those older than the one before', async () => {
    const connection = await connectContext({ url: mongoUrl(), dbPrefix: 'itsm_test' }, `reporting_${randomUUID().slice(0, 8)}`);
    try {
      for (const generation of [1, 2, 3]) await generationSource(connection, generation).collection('reporting_incident_facts').insertOne({ generation });
      await connection.collection('reporting_improvements').insertOne({ kept: true });
      await connection.collection('audit_g1').insertOne({ kept: true });
      await connection.collection('reporting_incident_facts').insertOne({ unversioned: true });

      expect((await dropEarlierGenerations(connection, 3)).sort()).toEqual(['reporting_incident_facts', 'reporting_incident_facts_g1']);
      const names = (await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
      expect(names).toEqual(['audit_g1', 'reporting_improvements', 'reporting_incident_facts_g2', 'reporting_incident_facts_g3']);
      expect(await generationSource(connection, 2).collection('reporting_incident_facts').findOne({}, { projection: { _id: 0 } })).toEqual({ generation: 2 });
      expect(await dropEarlierGenerations(connection, 3)).toEqual([]);
    } finally {
      await connection.dropDatabase();
      await connection.close();
    }
  });
});
