import { useEffect, useState } from 'react';
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
    setIncidents(undefined);
    setError(undefined);
    load().then(
      (loaded) => {
        if (!current) return;
        const early = pending ?? [];
        pending = undefined;
        setIncidents(early.reduce<readonly IncidentSummary[]>((list, changed) => applyChange(list, changed, belongs(changed)), loaded));
      },
      (failure: unknown) => {
        if (!current) return;
        // Without a loaded list there is nothing to apply changes to: stop collecting them (the error is shown).
        pending = undefined;
        setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    const stop = client.subscribe<{ incidentChanged: IncidentRecord }>(
      'IncidentChanged',
      { filter },
      ({ incidentChanged }) => {
        if (!current) return;
        if (pending !== undefined) pending.push(incidentChanged);
        else setIncidents((list) => applyChange(list ?? [], incidentChanged, belongs(incidentChanged)));
      },
      (failure: GatewayRequestError) => current && setError(failure.message),
    );
    return () => {
      current = false;
      stop();
    };
    // `key` names everything else the list depends on.
  }, [key, client]);
  return { incidents, error };
}
