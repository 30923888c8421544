import { connectContext } from '@itsm/platform/persistence';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { ChangeRequestProjector } from '../application/change-request-projector';
import { ChangeRequestReports } from '../application/change-request-reports';
import { evolveRequestFact } from '../domain';
import type { RequestFact } from '../domain';
import { changeHistory, incidentLinkHistory, requestHistory } from '../test-fixtures/change-request-history';
import { ChangeFactRepository, IncidentChangeLinkRepository, UnauthorisedChangeRepository } from './change-fact.repository';
import { RequestFactRepository } from './request-fact.repository';

const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

const MARCH = { period: { from: '2026-03-01', to: '2026-04-01', timeZone: 'Europe/Zurich', grain: 'week' as const }, filter: null };

/** The change and request facts on the MongoDB peer: rebuilt into an empty database they give the same reports; a stale write is a conflict. */
describe('change and request facts on the MongoDB peer', () => {
  const connections: Connection[] = [];
  const projection = async () => {
    const connection = await connectContext({ url: mongoUrl(), dbPrefix: 'itsm_test' }, `reporting_${randomUUID().slice(0, 8)}`);
    connections.push(connection);
    const stores = [new ChangeFactRepository(connection), new UnauthorisedChangeRepository(connection), new IncidentChangeLinkRepository(connection), new RequestFactRepository(connection)] as const;
    return { requests: stores[3], projector: new ChangeRequestProjector(...stores), reports: new ChangeRequestReports(...stores) };
  };
  afterAll(async () => {
    for (const connection of connections) await connection.close();
  });

  const figures = (reports: ChangeRequestReports) =>
    Promise.all([reports.changeReport({ ...MARCH, groupBy: 'model' }), reports.requestReport({ ...MARCH, groupBy: 'item' }), reports.taskReport({ ...MARCH, groupBy: 'group' })]);

  it('gives the same figures event by event with every event twice, and rebuilt from the topic in batches', async () => {
    const one = await projection();
    for (const event of changeHistory()) await one.projector.applyChanges([event, event]);
    for (const event of incidentLinkHistory()) await one.projector.applyIncidentLinks([event, event]);
    for (const event of requestHistory()) await one.projector.applyRequests([event, event]);
    const rebuilt = await projection();
    await rebuilt.projector.applyChanges(changeHistory());
    await rebuilt.projector.applyIncidentLinks(incidentLinkHistory());
    await rebuilt.projector.applyRequests(requestHistory());
    const [changes, requests, tasks] = await figures(one.reports);
    // March in Zurich by week: A B C E requested in W10, D in W11; F on April 1st (W14) is in no week of March.
    expect(changes.reduce((sum, row) => sum + row.requested, 0)).toBe(5);
    expect(requests.reduce((sum, row) => sum + row.submitted, 0)).toBe(4);
    expect(tasks.reduce((sum, row) => sum + row.closed, 0)).toBe(3);
    expect(await figures(rebuilt.reports)).toEqual([changes, requests, tasks]);
  });

  it('refuses a write over a fact another writer changed or created meanwhile', async () => {
    const { requests } = await projection();
    const [submitted, asked] = requestHistory();
    if (submitted === undefined || asked === undefined) throw new Error('fixture changed');
    const fact = evolveRequestFact(undefined, submitted) as RequestFact;
    expect(await requests.write([{ fact, previous: null }])).toEqual(new Set());
    expect(await requests.write([{ fact, previous: null }])).toEqual(new Set([fact.key]));
    const next = evolveRequestFact(fact, asked) as RequestFact;
    expect(await requests.write([{ fact: next, previous: fact.sequence }])).toEqual(new Set());
    expect(await requests.write([{ fact: next, previous: fact.sequence }])).toEqual(new Set([fact.key]));
    expect((await requests.load([fact.key])).get(fact.key)).toEqual(next);
  });
});
