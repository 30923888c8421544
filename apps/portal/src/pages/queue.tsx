import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection, IncidentState, IncidentSummary } from '../api/types';
import { Alert, IncidentTable, SelectField } from '../components';
import { useLiveIncidents } from '../live-incidents';
import { useMyGroups } from '../my-groups';
import { usePortal } from '../portal-context';

const VIEWS = ['new', 'group', 'mine'] as const;
type View = (typeof VIEWS)[number];
const ACTIVE: IncidentState[] = ['new', 'in_progress', 'on_hold'];

/** Agent workspace: the queue (new incidents to triage, my groups' open ones, mine), live. */
export function Queue() {
  const { t } = useTranslation();
  const { session } = usePortal();
  const groups = useMyGroups();
  const [view, setView] = useState<View>('new');
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t('queue.title')}</h1>
      <SelectField id="queue-view" label={t('queue.view')} className="field inline" options={VIEWS.map((id) => ({ value: id, label: t(`queue.views.${id}`) }))} value={view} onChange={(event) => setView(event.target.value as View)} />
      {groups === undefined ? <p>{t('common.loading')}</p> : <QueueList view={view} groupIds={groups.map((group) => group.id)} sub={session.sub} />}
    </section>
  );
}

function QueueList({ view, groupIds, sub }: { view: View; groupIds: readonly string[]; sub: string }) {
  const { t } = useTranslation();
  const { client } = usePortal();
  const page = async (filter: Record<string, unknown>) => (await client.request<{ incidents: Connection<IncidentSummary> }>('Incidents', { filter })).incidents.edges.map((edge) => edge.node);
  const active = (incident: IncidentSummary) => ACTIVE.includes(incident.state);
  const spec: { load: () => Promise<readonly IncidentSummary[]>; belongs: (incident: IncidentSummary) => boolean } =
    view === 'new'
      ? { load: () => page({ states: ['new'] }), belongs: (incident) => incident.state === 'new' }
      : view === 'mine'
        ? { load: () => page({ assigneeId: sub, states: ACTIVE }), belongs: (incident) => incident.assigneeId === sub && active(incident) }
        : {
            load: async () => (await Promise.all(groupIds.map((assignmentGroupId) => page({ assignmentGroupId, states: ACTIVE })))).flat().sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
            belongs: (incident) => incident.assignmentGroupId !== null && groupIds.includes(incident.assignmentGroupId) && active(incident),
          };
  const { incidents, error } = useLiveIncidents(`${view}:${groupIds.join(',')}`, spec.load, {}, spec.belongs);
  return (
    <>
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      {incidents === undefined ? <p>{t('common.loading')}</p> : incidents.length === 0 ? <p>{t('queue.empty')}</p> : <IncidentTable caption={t(`queue.views.${view}`)} incidents={incidents} linked />}
    </>
  );
}
