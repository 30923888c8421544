import type { EventEnvelope } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { ChangeError, ChangeErrorCode } from '../../domain/change.errors';
import type { ChangeViewer } from '../../domain/change-access.policy';
import type { Change, RiskExplanation, TimeWindow } from '../../domain/change.model';
import type { FailedChange, RiskAnswers, RiskQuestionnaire, RiskRule } from '../../domain/risk';
import type { ChangeRiskTarget } from '../ports/change-risk.port';
import type { MaintenanceCoverage } from '../ports/maintenance-coverage.port';
import type { FailedChangeHistory, RiskAnswerStore, RiskQuestionnaireStore, RiskRuleStore } from '../ports/risk-stores.port';

/** A clock that says what the test sets. */
export class TestClock extends Clock {
  constructor(public current: Date) {
    super();
  }

  now(): Date {
    return this.current;
  }
}

const conflict = (what: string): ChangeError => new ChangeError(ChangeErrorCode.Conflict, `${what} changed meanwhile`);

export class InMemoryRiskRules implements RiskRuleStore {
  readonly rules = new Map<string, RiskRule>();

  all(): Promise<readonly RiskRule[]> {
    return Promise.resolve([...this.rules.values()].sort((a, b) => a.name.localeCompare(b.name)));
  }

  byId(id: string): Promise<RiskRule | undefined> {
    return Promise.resolve(this.rules.get(id));
  }

  create(rule: RiskRule): Promise<void> {
    if (this.rules.has(rule.id)) return Promise.reject(conflict(`risk rule ${rule.id}`));
    this.rules.set(rule.id, rule);
    return Promise.resolve();
  }

  replace(rule: RiskRule, expectedVersion: number): Promise<void> {
    if (this.rules.get(rule.id)?.version !== expectedVersion) return Promise.reject(conflict(`risk rule ${rule.id}`));
    this.rules.set(rule.id, rule);
    return Promise.resolve();
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.rules.delete(id));
  }
}

export class InMemoryRiskQuestionnaire implements RiskQuestionnaireStore {
  questionnaire: RiskQuestionnaire | undefined;

  get(): Promise<RiskQuestionnaire | undefined> {
    return Promise.resolve(this.questionnaire);
  }

  save(questionnaire: RiskQuestionnaire, expectedVersion: number): Promise<void> {
    if ((this.questionnaire?.version ?? 0) !== expectedVersion) return Promise.reject(conflict('the questionnaire'));
    this.questionnaire = questionnaire;
    return Promise.resolve();
  }
}

export class InMemoryRiskAnswers implements RiskAnswerStore {
  readonly answers = new Map<string, RiskAnswers>();

  get(changeId: string): Promise<RiskAnswers | undefined> {
    return Promise.resolve(this.answers.get(changeId));
  }

  put(changeId: string, answers: RiskAnswers): Promise<void> {
    this.answers.set(changeId, answers);
    return Promise.resolve();
  }
}

/** Failed changes as the test lists them, each with its CIs. */
export class InMemoryFailedChanges implements FailedChangeHistory {
  readonly failed: (FailedChange & { readonly ciIds: readonly string[] })[] = [];

  closedFailedOn(ciIds: readonly string[], since: Date, exceptChangeId: string): Promise<readonly FailedChange[]> {
    return Promise.resolve(
      this.failed
        .filter((c) => c.changeId !== exceptChangeId && c.closedAt.getTime() >= since.getTime() && c.ciIds.some((id) => ciIds.includes(id)))
        .map(({ changeId, number, closedAt }) => ({ changeId, number, closedAt })),
    );
  }
}

/** Maintenance coverage: the CIs the test says have windows, each covering the listed windows exactly. */
export class FixedMaintenanceCoverage implements MaintenanceCoverage {
  readonly windows = new Map<string, TimeWindow[]>();

  outside(ciIds: readonly string[], window: TimeWindow): Promise<string[]> {
    return Promise.resolve(
      ciIds.filter((id) => {
        const own = this.windows.get(id);
        return own !== undefined && !own.some((w) => w.start.getTime() <= window.start.getTime() && window.end.getTime() <= w.end.getTime());
      }),
    );
  }
}

/** The change store as the risk assessment sees it; `recorded` lists every risk written. */
export class InMemoryChangeRiskTarget implements ChangeRiskTarget {
  readonly changes = new Map<string, Change>();
  readonly recorded: { changeId: string; risk: RiskExplanation; by: string }[] = [];

  change(id: string): Promise<Change | undefined> {
    return Promise.resolve(this.changes.get(id));
  }

  /** Requesters may assess only their own changes here; everyone else any. */
  assertMayAssess(viewer: ChangeViewer, change: Change): Promise<void> {
    if (viewer.roles.includes('requester') && change.requesterId !== viewer.userId) return Promise.reject(new ChangeError(ChangeErrorCode.NotFound, `change ${change.id} not found`));
    return Promise.resolve();
  }

  /** Event ids already applied (the store's inbox). */
  readonly consumed = new Set<string>();

  recordRisk(changeId: string, risk: RiskExplanation, by: string, consumed: EventEnvelope | null): Promise<Change> {
    const change = this.changes.get(changeId);
    if (change === undefined) return Promise.reject(new ChangeError(ChangeErrorCode.NotFound, `change ${changeId} not found`));
    if (consumed !== null && this.consumed.has(consumed.id)) return Promise.resolve(change);
    if (consumed !== null) this.consumed.add(consumed.id);
    const next = { ...change, risk, version: change.version + 1 };
    this.changes.set(changeId, next);
    this.recorded.push({ changeId, risk, by });
    return Promise.resolve(next);
  }
}

/** A change with every field defaulted (state `assess`, no CIs, no planned window). */
export function aChange(id: string, extra: Partial<Change> = {}): Change {
  const at = extra.createdAt ?? new Date(0);
  return {
    id,
    number: `CHG${String(1_000 + Number.parseInt(id.replace(/\D/g, '') || '0', 10)).padStart(7, '0')}`,
    model: 'normal',
    state: 'assess',
    title: `Change ${id}`,
    description: '',
    templateId: null,
    requesterId: 'p-requester',
    assignmentGroupId: null,
    assignedOrgId: null,
    assigneeId: null,
    configurationItemIds: [],
    serviceIds: [],
    plans: { implementation: 'do it', backout: 'undo it', test: 'check it' },
    planned: null,
    actualStart: null,
    actualEnd: null,
    risk: null,
    closeCode: null,
    closeNotes: null,
    authorisedAt: null,
    retrospectivelyAuthorised: false,
    blackoutOverrideReason: null,
    review: null,
    approval: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...extra,
  };
}
