import { ManualTime } from '@itsm/platform/scheduling';
import { MemoryRules } from '../demo/test-fixtures/memory-demo-stores';
import { recipientTarget } from '../domain';
import type { SourceEvent } from '../domain';
import { BUILT_IN_RULES, BuiltInRules } from './built-in-rules';
import { EnabledRules } from './enabled-rules';

const TYPE = 'itsm.notification.endpoint-disabled.v1';
const disabled = (data: Record<string, unknown>): Pick<SourceEvent, 'topic' | 'data'> => ({ topic: 'itsm.notification.v1', data: { endpointId: 'ep-1', name: 'Ops hook', channel: 'webhook', reason: 'gone (HTTP 410)', by: 'system', at: '2030-01-01T00:00:00.000Z', ...data } });

describe('built-in notification rules', () => {
  it('exist after every start, seeded once: an admin who disabled one finds it disabled after a restart', async () => {
    const store = new MemoryRules();
    const seeder = () => new BuiltInRules(store, new EnabledRules(store, new ManualTime(Date.UTC(2030, 0, 1))));
    await seeder().onApplicationBootstrap();
    expect((await store.enabledFor(TYPE)).map((r) => [r.id, r.urgent, r.category, r.channels, r.endpoints])).toEqual([['builtin.endpoint-disabled', true, 'integration', ['email', 'in_app'], []]]);
    const rule = store.rules.get('builtin.endpoint-disabled');
    if (rule === undefined) throw new Error('not seeded');
    await store.put({ ...rule, enabled: false });
    await seeder().onApplicationBootstrap();
    expect(store.rules.get('builtin.endpoint-disabled')?.enabled).toBe(false);
    expect(await store.enabledFor(TYPE)).toEqual([]);
    expect([...store.rules.keys()]).toEqual(BUILT_IN_RULES.map((r) => r.id));
  });

  it('reach a disabled endpoint\'s owner by user name and its contact by address; none when the event names neither', () => {
    const withBoth = disabled({ ownerUserName: 'ops.lead', contact: 'ops-team@example.com' });
    expect(recipientTarget({ kind: 'owner' }, withBoth, null)).toEqual({ kind: 'people', personIds: ['ops.lead'] });
    expect(recipientTarget({ kind: 'contact' }, withBoth, null)).toEqual({ kind: 'address', address: 'ops-team@example.com' });
    const without = disabled({ ownerUserName: null, contact: null });
    expect([recipientTarget({ kind: 'owner' }, without, null), recipientTarget({ kind: 'contact' }, without, null)]).toEqual([null, null]);
  });
});
