import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentImpact } from './agent-types';
import { ImpactDrawing } from './impact-drawing';
import { hopsOf } from './impact-graph';
import { Alert } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import { isInternal } from './roles';

/**
 * The incident's CIs and the services affected through them (the CMDB's impact analysis, redundancy
 * respected): the path drawn, and the same path as a text list. `version` reloads it as the incident changes.
 */
export function AffectedServices({ incidentId, version }: { incidentId: string; version: number }) {
  const { t } = useTranslation();
  const { client, session, navigate } = usePortal();
  const [impact, setImpact] = useState<IncidentImpact | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    client.request<{ incident: IncidentImpact }>('IncidentImpact', { id: incidentId }).then(
      (data) => {
        if (!current) return;
        setError(undefined);
        // Keep the drawing when nothing it shows changed.
        setImpact((shown) => (shown !== undefined && JSON.stringify(shown) === JSON.stringify(data.incident) ? shown : data.incident));
      },
      (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      current = false;
    };
  }, [client, incidentId, version]);
  return (
    <section aria-labelledby="impact-title" className="card">
      <h2 id="impact-title">{t('agent.impact.title')}</h2>
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      {impact === undefined ? (
        error === undefined && <p>{t('common.loading')}</p>
      ) : (
        <>
          <p>
            {t('agent.impact.cis')}: {impact.configurationItemIds.length === 0 ? t('agent.impact.none') : impact.configurationItemIds.join(', ')}
            {impact.serviceIds.length > 0 && (
              <>
                {' · '}
                {t('agent.impact.services')}: {impact.serviceIds.join(', ')}
              </>
            )}
          </p>
          {impact.problemId !== null && isInternal(session) && (
            <p>
              {t('agent.impact.problem')}:{' '}
              <Link to={ROUTES.problem(impact.problemId)} navigate={navigate}>
                {t('agent.impact.openProblem')}
              </Link>
            </p>
          )}
          {impact.affectedServices.length === 0 ? (
            <p>{t('agent.impact.noPath')}</p>
          ) : (
            <div className="impact">
              <ImpactDrawing services={impact.affectedServices} describedBy="impact-list" />
              <ol id="impact-list" className="impact-list" aria-label={t('agent.impact.list')}>
                {impact.affectedServices.map((service) => (
                  <li key={service.ciId}>
                    <strong>{service.name}</strong> ({t('agent.impact.depth', { count: service.depth })})
                    {service.path.length > 0 && (
                      <ol>
                        {hopsOf(service).map((hop, index) => (
                          <li key={`${service.ciId}-${index}`}>
                            {hop.from} <em>{hop.reading}</em> {hop.to}
                          </li>
                        ))}
                      </ol>
                    )}
                  </li>
                ))}
              </ol>
            </div>
          )}
        </>
      )}
    </section>
  );
}
