import { useCallback, useEffect, useState } from 'react';
import type { GatewayRequestError } from './api/graphql-errors';
import type { IncidentRecord, IncidentSummary } from './api/types';
import { applyChange } from './incident-list';
import { usePortal } from './portal-context';

export interface LiveList {
  readonly incidents: readonly IncidentSummary[] | undefined;
  readonly error: string | undefined;
}

/**
 * A list of incidents loaded once by `load` and kept current by the gateway's incidentChanged
 * subscription (`filter`): each change is applied as `belongs` decides. `key` names the list (a new
 * key loads and subscribes again).
 */
export function useLiveIncidents(key: string, load: () => Promise<readonly IncidentSummary[]>, filter: Readonly<Record<string, unknown>>, belongs: (incident: IncidentSummary) => boolean): LiveList {
  const { client } = usePortal();
  const [incidents, setIncidents] = useState<readonly IncidentSummary[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    // Changes that arrive before the list is loaded are applied to it once it is (not shown as a partial list).
    let pending: IncidentSummary[] | undefined = [];
    // Only the latest load counts (a reconnect may start one while another runs).
    let loads = 0;
    setIncidents(undefined);
    setError(undefined);
    // Loads (again after a reconnect); changes arriving meanwhile are applied to what it loads.
    const fetchList = () => {
      const mine = (loads += 1);
      pending ??= [];
      return load().then(
        (loaded) => {
          if (!current || mine !== loads) return;
          const early = pending ?? [];
          pending = undefined;
          setError(undefined);
          setIncidents(early.reduce<readonly IncidentSummary[]>((list, changed) => applyChange(list, changed, belongs(changed)), loaded));
        },
        (failure: unknown) => {
          if (!current || mine !== loads) return;
          pending = undefined;
          setError(failure instanceof Error ? failure.message : String(failure));
        },
      );
    };
    void fetchList();
    const stop = client.subscribe<{ incidentChanged: IncidentRecord }>(
      'IncidentChanged',
      { filter },
      ({ incidentChanged }) => {
        if (!current) return;
        if (pending !== undefined) pending.push(incidentChanged);
        // No list (its load failed): nothing to apply the change to, never a list of changes alone.
        else setIncidents((list) => (list === undefined ? list : applyChange(list, incidentChanged, belongs(incidentChanged))));
      },
      (failure: GatewayRequestError) => current && setError(failure.message),
      // Reconnected (a renewed token, a lost connection): changes in the gap were not sent.
      () => void fetchList(),
    );
    return () => {
      current = false;
      stop();
    };
    // `key` names everything else the list depends on.
  }, [key, client]);
  return { incidents, error };
}

/**
 * One incident, read by `Incident` and kept current by incidentChanged (read again after a
 * reconnect: changes in the gap were not sent); a version older than the one shown never replaces it
 * (`keep` does the same for a mutation's answer).
 */
export function useLiveIncident(id: string): { readonly incident: IncidentRecord | undefined; readonly error: string | undefined; readonly keep: (next: IncidentRecord) => void } {
  const { client } = usePortal();
  const [incident, setIncident] = useState<IncidentRecord | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const keep = useCallback((next: IncidentRecord) => setIncident((shown) => (shown !== undefined && shown.version > next.version ? shown : next)), []);
  useEffect(() => {
    let current = true;
    setIncident(undefined);
    setError(undefined);
    const fetchIncident = () =>
      client.request<{ incident: IncidentRecord }>('Incident', { id }).then(
        (data) => {
          if (!current) return;
          setError(undefined);
          keep(data.incident);
        },
        (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
      );
    void fetchIncident();
    const stop = client.subscribe<{ incidentChanged: IncidentRecord }>(
      'IncidentChanged',
      { filter: { ids: [id] } },
      (data) => current && keep(data.incidentChanged),
      (failure) => current && setError(failure.message),
      () => void fetchIncident(),
    );
    return () => {
      current = false;
      stop();
    };
  }, [client, id, keep]);
  return { incident, error, keep };
}
