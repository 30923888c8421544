import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { cmdbStream } from '../../test-fixtures/cmdb-events';
import { connectContext } from '../mongo-connection';
import type { CmdbProjection } from './cmdb-projection';
import { cmdbChange } from './cmdb-record-change';
import type { CmdbEvent } from './cmdb-record-change';
import { InMemoryCmdbProjection } from './in-memory-cmdb-projection';
import { MongoCmdbProjection } from './mongo-cmdb-projection';

const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

/** MongoCmdbProjection on the MongoDB peer answers as the in-memory projection the unit spec pins down, for the same deliveries. */
describe('MongoCmdbProjection on the MongoDB peer', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await connectContext({ url: mongoUrl(), dbPrefix: 'itsm_test' }, `cmdb_${randomUUID().slice(0, 8)}`);
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('applies duplicates, out-of-order events and retirements as the in-memory projection does, and answers the same reads', async () => {
    const cmdb = cmdbStream();
    const created = cmdb.created({ ciId: 'ci-web', name: 'web', attributes: { os: 'linux' } });
    const updated = cmdb.updated({ ciId: 'ci-web', name: 'web-01', attributes: { os: 'bsd', port: 443 } });
    const oldCreated = cmdb.created({ ciId: 'ci-old', name: 'mail', attributes: { os: 'linux' } });
    const oldUpdated = cmdb.updated({ ciId: 'ci-old', name: 'mail', attributes: { os: 'bsd' } });
    const deliveries: CmdbEvent[] = [
      updated, created, updated,
      oldCreated, cmdb.retired('ci-old'), oldUpdated,
      cmdb.created({ ciId: 'ci-mail-b', name: 'mail' }), cmdb.created({ ciId: 'ci-mail-a', name: 'mail' }),
      cmdb.created({ ciId: 'ci-pay', classId: 'business_service', name: 'Payments' }),
    ];
    const run = async (projection: CmdbProjection) => {
      const outcomes: string[] = [];
      for (const event of deliveries) {
        const change = cmdbChange(event, (message) => new Error(message));
        if (change.kind !== 'relationship') outcomes.push(await projection.apply(change, event));
      }
      const ids = ['ci-web', 'ci-old', 'ci-mail-a', 'ci-mail-b', 'ci-pay', 'ci-nothing'];
      return { outcomes, cis: Object.fromEntries(await projection.cis(ids)), byName: Object.fromEntries(await projection.idsByName(['mail', 'web-01', 'web'])), missing: await projection.unknownOrRetired(ids) };
    };
    const mongo = await run(new MongoCmdbProjection(connection));
    expect(mongo).toEqual(await run(new InMemoryCmdbProjection()));
    expect(mongo.outcomes).toEqual(['applied', 'duplicate', 'duplicate', 'applied', 'applied', 'duplicate', 'applied', 'applied', 'applied']);
    expect(mongo.cis['ci-web']).toEqual({ id: 'ci-web', name: 'web-01', classId: 'server', service: false, retired: false, attributes: { os: 'bsd', port: 443 } });
    expect(mongo.cis['ci-old']).toMatchObject({ retired: true, attributes: { os: 'linux' } });
    expect(mongo.cis['ci-pay']?.service).toBe(true);
    expect(mongo.byName).toEqual({ mail: 'ci-mail-a', 'web-01': 'ci-web' });
    expect(mongo.missing).toEqual(['ci-old', 'ci-nothing']);
  });
});
