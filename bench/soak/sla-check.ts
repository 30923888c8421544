/**
 * The SLA side of bench:soak: the soak's own policies (short targets on the soak group, so warnings
 * and breaches fall due during the run) and, after the run, every emission checked against the
 * clocks: each threshold a clock reached and each breach was claimed exactly once in `sla_firings`
 * and published (its claim is covered by its partition's publish checkpoint). Errors are tallied by
 * kind: sla_missed, sla_spurious, sla_unpublished, sla_clocks_unreadable.
 */
import type { EventEnvelope } from '@itsm/contracts';
import type { Connection } from 'mongoose';
import type { GraphqlClient, Outcome } from './gql-client';
import { field, list } from './gql-client';
import { SOAK_GROUP } from './soak-load';

/** Response: 1 minute (warnings at 50 and 75 %); resolution: 2 minutes; both on the 24x7 calendar. */
export const SOAK_DEFINITIONS = [
  { id: 'soak-response', name: 'Soak response 1 min (24x7)', target: 'response', targetMinutes: 1, conditions: { start: ['new'], stop: ['in_progress', 'on_hold', 'resolved', 'closed'], cancel: ['canceled'] } },
  { id: 'soak-resolution', name: 'Soak resolution 2 min (24x7)', target: 'resolution', targetMinutes: 2, conditions: { start: ['new', 'in_progress'], pause: ['on_hold'], stop: ['resolved', 'closed'], cancel: ['canceled'] } },
] as const;

const SAVE_DEFINITION = 'mutation($d: SlaDefinitionInput!) { saveSlaDefinition(input: $d, expectedVersion: 0) { id } }';
const CREATE_PERSON = 'mutation($p: PersonInput!) { createPerson(input: $p) { id } }';
const FIND_PEOPLE = 'query($f: PersonFilterInput) { people(first: 50, filter: $f) { edges { node { id userName } } } }';
const CREATE_GROUP = 'mutation($id: ID, $g: GroupInput!) { createGroup(id: $id, input: $g) { id } }';
const ASSIGNMENT_GROUPS = 'query { assignmentGroups(orgId: "contoso") { id memberIds } }';
/** How long the incident context may take to follow the directory's events of the soak's group. */
const PROJECTION_WAIT_MS = 60_000;
const CLOCKS = 'query($id: ID!) { incident(id: $id) { id slas { clockId definitionId stoppedAt cancelledAt breachedAt thresholds { percent reachedAt } } } }';

/**
 * The soak's assignment group (its members as directory people: existing demo people are reused by
 * userName) and its two SLA definitions, through the admin API; then waits until the incident
 * context's projection of the directory knows the group with every member (assignments need it).
 */
export async function seedSoakPolicies(client: GraphqlClient, adminToken: string, members: readonly string[]): Promise<void> {
  const must = async <T>(what: string, outcome: Promise<Outcome<T>>): Promise<T> => {
    const answer = await outcome;
    if (!answer.ok) throw new Error(`soak set-up: ${what} failed (${answer.kind}): ${answer.detail}`);
    return answer.data;
  };
  const personIds: string[] = [];
  for (const userName of members) personIds.push(await soakPerson(client, adminToken, userName));
  await must('createGroup', client.request(adminToken, CREATE_GROUP, { id: SOAK_GROUP, g: { name: 'Soak desk', kind: 'assignment', organisationId: 'contoso', memberIds: personIds } }, (d) => d));
  for (const d of SOAK_DEFINITIONS) {
    const definition = { ...d, kind: 'SLA', appliesTo: { assignmentGroupIds: [SOAK_GROUP] }, warningThresholds: [50, 75], calendarId: '24x7', timeZone: 'UTC' };
    await must(`saveSlaDefinition ${d.id}`, client.request(adminToken, SAVE_DEFINITION, { d: definition }, (data) => data));
  }
  const deadline = Date.now() + PROJECTION_WAIT_MS;
  for (;;) {
    const groups = await must('assignmentGroups', client.request(adminToken, ASSIGNMENT_GROUPS, {}, (d) => list(d, 'assignmentGroups') ?? 'no assignmentGroups'));
    const soak = groups.find((g): g is { id: string; memberIds: string[] } => field({ g }, 'g')?.['id'] === SOAK_GROUP);
    if (soak !== undefined && members.every((m) => soak.memberIds.includes(m))) return;
    if (Date.now() > deadline) throw new Error(`soak set-up: the incident context did not follow group ${SOAK_GROUP} with ${members.join(', ')} within ${PROJECTION_WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The id of the directory person with this userName: created in contoso, or the existing one (demo people). */
async function soakPerson(client: GraphqlClient, adminToken: string, userName: string): Promise<string> {
  // A check answers a string only to say why the data is malformed: the id comes back wrapped.
  const created = await client.request(adminToken, CREATE_PERSON, { p: { userName, displayName: userName, organisationId: 'contoso' } }, (d) => {
    const id = field(d, 'createPerson')?.['id'];
    return typeof id === 'string' ? { id } : 'no createPerson.id';
  });
  if (created.ok) return created.data.id;
  if (!created.ok && !created.detail.includes('DIRECTORY.UNIQUENESS') && created.kind !== 'graphql_DIRECTORY.UNIQUENESS') {
    throw new Error(`soak set-up: createPerson ${userName} failed (${created.kind}): ${created.detail}`);
  }
  const found = await client.request(adminToken, FIND_PEOPLE, { f: { userNameContains: userName } }, (d) => field(d, 'people')?.['edges']);
  const edges = found.ok && Array.isArray(found.data) ? (found.data as { node?: { id?: unknown; userName?: unknown } }[]) : [];
  const person = edges.map((e) => e.node).find((n) => typeof n?.userName === 'string' && n.userName.toLowerCase() === userName.toLowerCase());
  if (typeof person?.id !== 'string') throw new Error(`soak set-up: person ${userName} exists but could not be read back`);
  return person.id;
}

interface FiringRow {
  readonly partition: number;
  readonly claimedAt: Date;
  readonly envelope: EventEnvelope;
}

export interface EmissionCheck {
  /** Claim instants of every emission (all tickets), ms since the load started. */
  readonly emittedAtMs: number[];
  readonly emissions: number;
  readonly warnings: number;
  readonly breaches: number;
  /** Emissions of the soak's incidents the clocks call for (thresholds reached, breaches). */
  readonly expected: number;
  /** Of the soak's incidents' emissions, those matching a reached threshold or breach. */
  readonly matched: number;
  /** Emitted for a threshold the clock did not reach, due within RACE_MS of the clock stopping (the timer fired as the stop arrived). */
  readonly raced: number;
}

const RACE_MS = 2_000;

interface ClockRow {
  readonly clockId: string;
  readonly stoppedAt: string | null;
  readonly cancelledAt: string | null;
  readonly breachedAt: string | null;
  readonly thresholds: readonly { readonly percent: number; readonly reachedAt: string | null }[];
}

function clockRows(data: unknown): ClockRow[] | string {
  const slas = list(field(data, 'incident'), 'slas');
  return slas === undefined ? 'no slas' : (slas as ClockRow[]);
}

type ErrorTally = Map<string, { count: number; example: string }>;

function tally(errors: ErrorTally, kind: string, example: string): void {
  const entry = errors.get(kind);
  if (entry) entry.count += 1;
  else errors.set(kind, { count: 1, example });
}

async function readFirings(slaDb: Connection): Promise<{ firings: FiringRow[]; checkpoints: Map<number, number> }> {
  const firings = await slaDb.collection<FiringRow>('sla_firings').find({}, { projection: { partition: 1, claimedAt: 1, envelope: 1 } }).toArray();
  const checkpoints = new Map<number, number>();
  for (const c of await slaDb.collection<{ partition: number; publishedThrough: Date }>('sla_publish_checkpoints').find({}).toArray()) {
    checkpoints.set(c.partition, c.publishedThrough.getTime());
  }
  return { firings, checkpoints };
}

const unpublished = (f: FiringRow, checkpoints: ReadonlyMap<number, number>): boolean => f.claimedAt.getTime() > (checkpoints.get(f.partition) ?? 0);

/** Waits (up to `timeoutMs`) until every claimed emission is covered by its partition's publish checkpoint. */
export async function waitForPublished(slaDb: Connection, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { firings, checkpoints } = await readFirings(slaDb);
    if (!firings.some((f) => unpublished(f, checkpoints))) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export type SoakClocks = ReadonlyMap<string, readonly ClockRow[]>;

/** The clocks of the soak's incidents as the SLA engine derives them (GraphQL, while the platform runs). */
export async function readSoakClocks(client: GraphqlClient, token: string, incidentIds: readonly string[], errors: ErrorTally): Promise<SoakClocks> {
  const clocks = new Map<string, readonly ClockRow[]>();
  const queue = [...incidentIds];
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const answer = await client.request(token, CLOCKS, { id }, clockRows);
      if (answer.ok) clocks.set(id, answer.data);
      else tally(errors, 'sla_clocks_unreadable', `${id}: ${answer.kind} ${answer.detail}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return clocks;
}

/**
 * Every firing against the clocks (read once the platform has stopped, so the checkpoints are
 * final): each reached threshold and breach of a soak incident emitted once, nothing else, and every
 * claim published. `loadStartedAt` is the wall-clock instant the load began.
 */
export async function compareEmissions(slaDb: Connection, clocks: SoakClocks, loadStartedAt: number, errors: ErrorTally): Promise<EmissionCheck> {
  const { firings, checkpoints } = await readFirings(slaDb);
  const byTicket = new Map<string, FiringRow[]>();
  let warnings = 0;
  let breaches = 0;
  for (const f of firings) {
    if (f.envelope.type === 'itsm.sla.clock-breached.v1') breaches += 1;
    else warnings += 1;
    if (unpublished(f, checkpoints)) tally(errors, 'sla_unpublished', `${f.envelope.subject ?? ''} ${f.envelope.type} claimed ${f.claimedAt.toISOString()}`);
    const rows = byTicket.get(f.envelope.subject ?? '') ?? [];
    rows.push(f);
    byTicket.set(f.envelope.subject ?? '', rows);
  }
  let expected = 0;
  let matched = 0;
  let raced = 0;
  for (const [id, rows] of clocks) {
    const due = new Set<string>();
    const stops = new Map<string, number>();
    for (const clock of rows) {
      for (const t of clock.thresholds) if (t.reachedAt !== null && t.percent < 100) due.add(`${clock.clockId}@${t.percent}`);
      if (clock.breachedAt !== null) due.add(`${clock.clockId}@100`);
      const stop = clock.stoppedAt ?? clock.cancelledAt;
      if (stop !== null) stops.set(clock.clockId, Date.parse(stop));
    }
    expected += due.size;
    for (const f of byTicket.get(id) ?? []) {
      const data = f.envelope.data as { clockId: string; dueAt: string; thresholdPercent?: number };
      const key = `${data.clockId}@${data.thresholdPercent ?? 100}`;
      if (due.delete(key)) matched += 1;
      else if (Math.abs(Date.parse(data.dueAt) - (stops.get(data.clockId) ?? -Infinity)) <= RACE_MS) raced += 1;
      else tally(errors, 'sla_spurious', `${id} ${key} due ${data.dueAt}`);
    }
    for (const key of due) tally(errors, 'sla_missed', `${id} ${key}`);
  }
  return { emittedAtMs: firings.map((f) => f.claimedAt.getTime() - loadStartedAt), emissions: firings.length, warnings, breaches, expected, matched, raced };
}
