import type { ChangeModel, ChangeState, TimeWindow } from '../change.model';

/*
 * The deployment gate's decision (BEAT: a plain HTTP gate any pipeline can call): a pipeline may
 * deploy to a CI only inside the planned window of an authorised change that names the CI. Pure:
 * the candidates and `now` are given; the answer says why, and which change it is logged on.
 */

/** What the gate needs of a change (the application maps the stored change to it). */
export interface GateCandidate {
  readonly id: string;
  readonly number: string;
  readonly model: ChangeModel;
  readonly state: ChangeState;
  readonly configurationItemIds: readonly string[];
  readonly planned: TimeWindow | null;
  /** Authorised (scheduled, or implementing after its authorisation; standard changes are pre-approved). */
  readonly authorised: boolean;
}

/** The states a change may be deployed in: scheduled (the window opens the gate) and implement. */
export const GATE_OPEN_STATES: readonly ChangeState[] = ['scheduled', 'implement'];
/** The states a change naming the CI is considered in (closed and canceled changes never explain an answer). */
export const GATE_CANDIDATE_STATES: readonly ChangeState[] = ['new', 'assess', 'authorize', 'scheduled', 'implement', 'review'];

export const GATE_REASONS = ['inside_window', 'no_change', 'before_window', 'after_window', 'other_ci', 'not_authorised', 'unknown_ci'] as const;
export type GateReason = (typeof GATE_REASONS)[number];

export interface GateAnswer {
  readonly allowed: boolean;
  readonly reason: GateReason;
  /** Human words for the pipeline's log. */
  readonly message: string;
  /** The change the answer is about (and logged on), null when none names the CI. */
  readonly change: Pick<GateCandidate, 'id' | 'number'> | null;
  /** That change's planned window, when it has one. */
  readonly window: TimeWindow | null;
}

export interface GateQuestion {
  readonly ciId: string;
  /** The change the pipeline names (optional): then only that change can open the gate. */
  readonly change: GateCandidate | null;
  /** The changes naming the CI in a candidate state (used when the pipeline names none). */
  readonly candidates: readonly GateCandidate[];
}

const isInside = (window: TimeWindow, now: Date): boolean => window.start.getTime() <= now.getTime() && now.getTime() < window.end.getTime();
const mayDeploy = (change: GateCandidate): boolean => change.authorised && GATE_OPEN_STATES.includes(change.state) && change.planned !== null;

/** The gate's answer for a CI at `now`. */
export function decideGate(question: GateQuestion, now: Date): GateAnswer {
  if (question.change !== null) return answerFor(question.change, question.ciId, now);
  const naming = question.candidates.filter((change) => change.configurationItemIds.includes(question.ciId));
  if (naming.length === 0) return { allowed: false, reason: 'no_change', message: `no change names CI ${question.ciId}`, change: null, window: null };
  const answers = naming.map((change) => ({ change, answer: answerFor(change, question.ciId, now) }));
  return pickMostRelevant(answers, now).answer;
}

/** The answer for a CI the change context's CMDB projection does not know (or a service and environment naming none). */
export function unknownCiAnswer(what: string): GateAnswer {
  return { allowed: false, reason: 'unknown_ci', message: `${what} is not a known configuration item`, change: null, window: null };
}

/** What one change says about deploying to the CI now. */
function answerFor(change: GateCandidate, ciId: string, now: Date): GateAnswer {
  const about = { change: { id: change.id, number: change.number }, window: change.planned };
  if (!change.configurationItemIds.includes(ciId)) return { allowed: false, reason: 'other_ci', message: `${change.number} does not name CI ${ciId}`, ...about };
  if (!mayDeploy(change) || change.planned === null) {
    return { allowed: false, reason: 'not_authorised', message: `${change.number} is not authorised for implementation (state ${change.state}${change.authorised ? '' : ', not authorised'})`, ...about };
  }
  const window = change.planned;
  if (now.getTime() < window.start.getTime()) return { allowed: false, reason: 'before_window', message: `${change.number}'s window opens at ${window.start.toISOString()}`, ...about };
  if (!isInside(window, now)) return { allowed: false, reason: 'after_window', message: `${change.number}'s window closed at ${window.end.toISOString()}`, ...about };
  return { allowed: true, reason: 'inside_window', message: `inside ${change.number}'s window (until ${window.end.toISOString()})`, ...about };
}

/** Rank of a reason when several changes name the CI: an allow first, then the nearest window, then the rest. */
const RANK: Readonly<Record<GateReason, number>> = { inside_window: 0, before_window: 1, after_window: 2, not_authorised: 3, other_ci: 4, no_change: 5, unknown_ci: 6 };

interface Ranked {
  readonly change: GateCandidate;
  readonly answer: GateAnswer;
}

function pickMostRelevant(answers: readonly Ranked[], now: Date): Ranked {
  const distance = ({ change }: Ranked): number => {
    if (change.planned === null) return Number.MAX_SAFE_INTEGER;
    return Math.min(Math.abs(change.planned.start.getTime() - now.getTime()), Math.abs(change.planned.end.getTime() - now.getTime()));
  };
  return [...answers].sort((a, b) => RANK[a.answer.reason] - RANK[b.answer.reason] || distance(a) - distance(b) || a.change.number.localeCompare(b.change.number))[0] as Ranked;
}
