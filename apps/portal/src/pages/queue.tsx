import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentState, IncidentSummary } from '../api/types';
import type { QueuePage } from '../agent/agent-types';
import { BreachingSoonList } from '../agent/breaching-soon-list';
import { allPages } from '../api/paging';
import { VirtualIncidentTable } from '../agent/virtual-incident-table';
import { Alert, SelectField } from '../components';
import { useLiveIncidents } from '../live-incidents';
import { useMyGroups } from '../my-groups';
import { usePortal } from '../portal-context';

const VIEWS = ['new', 'group', 'mine', 'breaching'] as const;
type View = (typeof VIEWS)[number];
const ACTIVE: IncidentState[] = ['new', 'in_progress', 'on_hold'];
/** The most a queue loads (page by page: the gateway caps `first`). */
export const QUEUE_LIMIT = 500;

/** `?render=plain`: every row in the DOM, no virtualisation, same scroll container (the queue bench's baseline; also a fallback for assistive technology that reads the whole table). */
const plainRendering = () => new URLSearchParams(window.location.search).get('render') === 'plain';

/** Agent workspace: the queue (new incidents to triage, my groups' open ones, mine, breaching soon), live. */
export function Queue() {
  const { t } = useTranslation();
  const { session } = usePortal();
  const groups = useMyGroups();
  const [view, setView] = useState<View>(() => {
    const asked = new URLSearchParams(window.location.search).get('view');
    return VIEWS.find((candidate) => candidate === asked) ?? 'new';
  });
  const [refreshes, setRefreshes] = useState(0);
  const label = (id: View) => (id === 'breaching' ? t('agent.queue.breaching') : t(`queue.views.${id}`));
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t('queue.title')}</h1>
      <div className="toolbar">
        <SelectField id="queue-view" label={t('queue.view')} className="field inline" options={VIEWS.map((id) => ({ value: id, label: label(id) }))} value={view} onChange={(event) => setView(event.target.value as View)} />
        <button type="button" className="secondary bordered" onClick={() => setRefreshes((count) => count + 1)}>
          {t('agent.queue.refresh')}
        </button>
      </div>
      {view === 'breaching' && <p className="hint">{t('agent.queue.breachingHint')}</p>}
      {view === 'breaching' ? (
        <BreachingSoonList key={refreshes} caption={label(view)} />
      ) : groups === undefined ? (
        <p>{t('common.loading')}</p>
      ) : (
        <QueueList key={`${view}:${refreshes}`} view={view} caption={label(view)} groupIds={groups.map((group) => group.id)} sub={session.sub} refreshes={refreshes} />
      )}
    </section>
  );
}

function QueueList({ view, caption, groupIds, sub, refreshes }: { view: Exclude<View, 'breaching'>; caption: string; groupIds: readonly string[]; sub: string; refreshes: number }) {
  const { t } = useTranslation();
  const { client } = usePortal();
  const [truncated, setTruncated] = useState(false);
  const load = async (filter: Record<string, unknown>) => {
    const loaded = await allPages(async (after) => (await client.request<{ incidents: QueuePage }>('QueueIncidents', { filter, after })).incidents, QUEUE_LIMIT);
    if (loaded.truncated) setTruncated(true);
    return loaded.nodes;
  };
  const active = (incident: IncidentSummary) => ACTIVE.includes(incident.state);
  const spec: { load: () => Promise<readonly IncidentSummary[]>; belongs: (incident: IncidentSummary) => boolean } =
    view === 'new'
      ? { load: () => load({ states: ['new'] }), belongs: (incident) => incident.state === 'new' }
      : view === 'mine'
        ? { load: () => load({ assigneeId: sub, states: ACTIVE }), belongs: (incident) => incident.assigneeId === sub && active(incident) }
        : {
            load: async () => (await Promise.all(groupIds.map((assignmentGroupId) => load({ assignmentGroupId, states: ACTIVE })))).flat().sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
            belongs: (incident) => incident.assignmentGroupId !== null && groupIds.includes(incident.assignmentGroupId) && active(incident),
          };
  const { incidents: shown, error } = useLiveIncidents(`${view}:${groupIds.join(',')}:${refreshes}`, spec.load, {}, spec.belongs);
  return (
    <>
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      {truncated && <p className="hint">{t('agent.queue.truncated', { limit: QUEUE_LIMIT })}</p>}
      <div aria-live="polite" className="visually-hidden">
        {shown === undefined ? '' : t('agent.queue.count', { count: shown.length })}
      </div>
      {shown === undefined ? (
        <p>{t('common.loading')}</p>
      ) : shown.length === 0 ? (
        <p>{t('queue.empty')}</p>
      ) : (
        <VirtualIncidentTable caption={caption} incidents={shown} plain={plainRendering()} />
      )}
    </>
  );
}
