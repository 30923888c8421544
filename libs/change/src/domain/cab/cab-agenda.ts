import { RISK_LEVELS } from '../change.model';
import type { ChangeModel, ChangeState, RiskLevel } from '../change.model';
import type { CabItemDecision, CabMeeting } from './cab-meeting';
import { occurrenceRecord } from './cab-meeting';

const MINUTE_MS = 60_000;

/** One meeting of the series, in UTC. */
export interface CabOccurrence {
  readonly start: Date;
  readonly end: Date;
}

/** What the agenda needs of a change (the handler reads it from the change store). */
export interface AgendaCandidate {
  readonly changeId: string;
  readonly number: string;
  readonly title: string;
  readonly model: ChangeModel;
  readonly state: ChangeState;
  readonly risk: RiskLevel | null;
  readonly plannedStart: Date | null;
}

export interface AgendaItem {
  readonly changeId: string;
  readonly number: string;
  readonly title: string;
  readonly risk: RiskLevel | null;
  readonly plannedStart: Date | null;
  /** Its time in the meeting: the item's position times the meeting's slot length. */
  readonly slotStart: Date;
  readonly slotEnd: Date;
  /** False when the slot runs past the meeting's end (the agenda is over-full). */
  readonly withinMeeting: boolean;
  /** Why it is on the agenda: awaiting authorisation with a planned start after the meeting, or flagged (by hand or deferred). */
  readonly why: 'awaiting' | 'flagged';
  readonly decision: CabItemDecision | null;
}

const riskRank = (risk: RiskLevel | null): number => (risk === null ? -1 : RISK_LEVELS.indexOf(risk));

/** Highest risk first, then earliest planned start (none last), then number. */
function byRiskThenStart(a: AgendaCandidate, b: AgendaCandidate): number {
  const start = (c: AgendaCandidate): number => c.plannedStart?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return riskRank(b.risk) - riskRank(a.risk) || start(a) - start(b) || a.number.localeCompare(b.number);
}

/**
 * The agenda of one occurrence, built from the candidates the handler found: the changes decided at
 * this occurrence (whatever their state now), and the changes awaiting authorisation (state
 * `authorize`, a model the meeting takes) whose planned start is after the meeting (or not yet
 * planned), or that were flagged for it (by a change manager, or deferred from the occurrence
 * before). Ordered by risk (highest first) then planned start; each item gets a slot of the meeting's
 * slot length, in order from the meeting's start.
 */
export function buildAgenda(meeting: CabMeeting, occurrence: CabOccurrence, candidates: readonly AgendaCandidate[]): AgendaItem[] {
  const record = occurrenceRecord(meeting, occurrence.start);
  const decided = new Map(record.decisions.map((d) => [d.changeId, d]));
  const flagged = new Set(meeting.flags.filter((f) => f.occurrenceStart.getTime() === occurrence.start.getTime()).map((f) => f.changeId));
  const chosen = new Map<string, { candidate: AgendaCandidate; why: AgendaItem['why'] }>();
  for (const candidate of candidates) {
    if (chosen.has(candidate.changeId)) continue;
    const awaiting = candidate.state === 'authorize' && meeting.models.includes(candidate.model);
    const afterMeeting = candidate.plannedStart === null || candidate.plannedStart.getTime() >= occurrence.end.getTime();
    if (flagged.has(candidate.changeId) && (awaiting || decided.has(candidate.changeId))) chosen.set(candidate.changeId, { candidate, why: 'flagged' });
    else if (decided.has(candidate.changeId) || (awaiting && afterMeeting)) chosen.set(candidate.changeId, { candidate, why: 'awaiting' });
  }
  const slotMs = meeting.slotMinutes * MINUTE_MS;
  return [...chosen.values()]
    .sort((a, b) => byRiskThenStart(a.candidate, b.candidate))
    .map(({ candidate, why }, index) => {
      const slotStart = new Date(occurrence.start.getTime() + index * slotMs);
      const slotEnd = new Date(slotStart.getTime() + slotMs);
      return {
        changeId: candidate.changeId,
        number: candidate.number,
        title: candidate.title,
        risk: candidate.risk,
        plannedStart: candidate.plannedStart,
        slotStart,
        slotEnd,
        withinMeeting: slotEnd.getTime() <= occurrence.end.getTime(),
        why,
        decision: decided.get(candidate.changeId) ?? null,
      };
    });
}

/** The change ids the handler must read besides the awaiting ones: decided at, or flagged for, this occurrence. */
export function agendaChangeIds(meeting: CabMeeting, occurrence: CabOccurrence): string[] {
  const record = occurrenceRecord(meeting, occurrence.start);
  const flagged = meeting.flags.filter((f) => f.occurrenceStart.getTime() === occurrence.start.getTime()).map((f) => f.changeId);
  return [...new Set([...record.decisions.map((d) => d.changeId), ...flagged])];
}
