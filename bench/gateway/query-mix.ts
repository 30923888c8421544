/**
 * The operations bench:gateway sends (the same in both parts, to both gateways) and how each answer
 * is checked. Imported by the load child too: no framework here, plain data and checks.
 */

export type OperationName = 'list' | 'one' | 'open';

/** Ten requests in a row: five incident lists (three subgraphs each), four incidents by number, one openIncident. */
export const MIX: readonly OperationName[] = ['list', 'one', 'list', 'one', 'list', 'open', 'list', 'one', 'list', 'one'];

/** The SLA clocks and affected services of an incident, as the mix selects them (bench:subscriptions selects them too). */
export const SLAS = 'slas { clockId definitionName kind stage running hasBreached breachAt elapsedPercent }';
export const AFFECTED = 'affectedServices { ciId classId name depth explanation }';

export const LIST_QUERY =
  'query BenchIncidentList($first: Int!, $filter: IncidentFilter) { incidents(first: $first, filter: $filter) { ' +
  `edges { cursor node { id number title state priority assignmentGroupId configurationItemIds openedAt ${SLAS} ${AFFECTED} } } pageInfo { hasNextPage endCursor } } }`;
export const ONE_QUERY =
  'query BenchIncident($number: String!) { incident(number: $number) { ' +
  `id number title description state priority impact urgency callerId assignmentGroupId assigneeId serviceIds openedAt updatedAt ${SLAS} } }`;
export const OPEN_MUTATION = 'mutation BenchOpenIncident($input: OpenIncidentInput!) { openIncident(input: $input) { id number state priority } }';

/** What the requests name and what the answers must hold; measured once against the real gateway. */
export interface MixSettings {
  /** The list's page size and filter (the incidents opened before the bench: the bench's own openIncident calls do not change it). */
  readonly listFirst: number;
  readonly listOpenedBefore: string;
  /** The incidents the list answers (its edges); `incident(number)` asks for them in turn. */
  readonly numbers: readonly string[];
  /** How many affected services the whole list names (the CMDB's share of the answer). */
  readonly affectedInList: number;
  /** The priority an incident opened with impact 2, urgency 2 gets. */
  readonly openPriority: number;
}

export function requestBody(op: OperationName, i: number, mix: MixSettings): string {
  switch (op) {
    case 'list':
      return JSON.stringify({ query: LIST_QUERY, variables: { first: mix.listFirst, filter: { createdTo: mix.listOpenedBefore } } });
    case 'one':
      return JSON.stringify({ query: ONE_QUERY, variables: { number: mix.numbers[i % mix.numbers.length] } });
    case 'open':
      return JSON.stringify({ query: OPEN_MUTATION, variables: { input: { title: `bench gateway ${i}`, description: `opened by bench-gateway, request ${i}`, impact: 2, urgency: 2 } } });
  }
}

interface Answer {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { readonly message?: string; readonly extensions?: { readonly code?: string } }[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** undefined when the answer is right; else why not (an error, a malformed or incomplete answer). */
export function checkAnswer(op: OperationName, i: number, status: number, answer: Answer, mix: MixSettings): string | undefined {
  const error = answer.errors?.[0];
  if (error) return `${op}: HTTP ${status} ${error.extensions?.code ?? 'NO_CODE'}: ${error.message ?? ''}`;
  if (status !== 200) return `${op}: HTTP ${status}`;
  const wrong = (what: string): string => `${op}: ${what}: ${JSON.stringify(answer).slice(0, 200)}`;
  switch (op) {
    case 'list': {
      const connection = answer.data?.['incidents'];
      const edges = isObject(connection) && Array.isArray(connection['edges']) ? (connection['edges'] as unknown[]) : undefined;
      if (!edges || edges.length !== mix.numbers.length) return wrong(`expected ${mix.numbers.length} edges`);
      let affected = 0;
      for (const edge of edges) {
        const node = isObject(edge) ? edge['node'] : undefined;
        if (!isObject(node) || typeof node['number'] !== 'string' || !Array.isArray(node['slas']) || !Array.isArray(node['affectedServices'])) return wrong('malformed node');
        affected += node['affectedServices'].length;
      }
      return affected === mix.affectedInList ? undefined : wrong(`expected ${mix.affectedInList} affected services, got ${affected}`);
    }
    case 'one': {
      const incident = answer.data?.['incident'];
      const expected = mix.numbers[i % mix.numbers.length];
      return isObject(incident) && incident['number'] === expected && Array.isArray(incident['slas']) ? undefined : wrong(`expected ${expected} with its slas`);
    }
    case 'open': {
      const opened = answer.data?.['openIncident'];
      const ok = isObject(opened) && typeof opened['id'] === 'string' && typeof opened['number'] === 'string' && /^INC\d+$/.test(opened['number']) && opened['priority'] === mix.openPriority;
      return ok ? undefined : wrong('expected a new incident');
    }
  }
}
