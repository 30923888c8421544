import { useTranslation } from 'react-i18next';
import { RiskBadge } from './change-components';
import type { Risk, RiskAssessment } from './change-types';

/** The change's risk and what decided it: the rule (by name) or the questionnaire, with the reason the assessment gave; a fresh assessment lists every rule that matched. */
export function ChangeRisk({ risk, rules, assessment, canAssess, busy, onAssess }: { risk: Risk | null; rules: readonly { id: string; name: string }[]; assessment: RiskAssessment | undefined; canAssess: boolean; busy: boolean; onAssess: () => void }) {
  const { t } = useTranslation();
  const shown = assessment?.risk ?? risk;
  const ruleName = (id: string) => rules.find((rule) => rule.id === id)?.name ?? id;
  return (
    <section aria-labelledby="risk-title" className="card">
      <h2 id="risk-title">{t('change.record.risk')}</h2>
      {shown === null ? (
        <p>{t('change.record.notAssessed')}</p>
      ) : (
        <dl>
          <dt>{t('change.record.level')}</dt>
          <dd data-testid="risk-level">
            <RiskBadge level={shown.level} />
          </dd>
          <dt>{t('change.record.decidedBy')}</dt>
          <dd>{t(`change.record.deciders.${shown.decidedBy}`)}</dd>
          {shown.ruleId !== null && (
            <>
              <dt>{t('change.record.rule')}</dt>
              <dd>{ruleName(shown.ruleId)}</dd>
            </>
          )}
          <dt>{t('change.record.why')}</dt>
          <dd>{shown.reason}</dd>
        </dl>
      )}
      {assessment !== undefined && (
        <div aria-live="polite">
          <h3>{t('change.record.matchedRules')}</h3>
          {assessment.matchedRules.length === 0 ? (
            <p>{t('change.record.noRuleMatched')}</p>
          ) : (
            <ul>
              {assessment.matchedRules.map((match) => (
                <li key={match.ruleId}>
                  {match.name} (<RiskBadge level={match.level} />
                  ): {match.reason}
                </li>
              ))}
            </ul>
          )}
          <p>
            {t('change.record.score')}: {assessment.questionnaireScore ?? t('change.record.notAnswered')}
          </p>
        </div>
      )}
      {canAssess && (
        <button type="button" className="secondary-dark" onClick={onAssess} disabled={busy}>
          {t('change.record.reassess')}
        </button>
      )}
    </section>
  );
}
