import { IncidentError, IncidentErrorCode } from './incident.errors';

/** Impact and urgency: 1 = high, 2 = medium, 3 = low. Priority: 1 = critical ... 5 = planning. */
export type Level = 1 | 2 | 3;
export type Priority = 1 | 2 | 3 | 4 | 5;

/** rows = impact 1..3, columns = urgency 1..3. */
export type PriorityMatrix = readonly [readonly [Priority, Priority, Priority], readonly [Priority, Priority, Priority], readonly [Priority, Priority, Priority]];

/** ITIL's usual 3x3 matrix (ServiceNow's default): high x high = P1 ... low x low = P5. */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = [
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 5],
];

export function isLevel(value: number): value is Level {
  return value === 1 || value === 2 || value === 3;
}

export function priorityOf(matrix: PriorityMatrix, impact: Level, urgency: Level): Priority {
  const index = (level: Level) => (level - 1) as 0 | 1 | 2;
  return matrix[index(impact)][index(urgency)];
}

/** Checks an admin-supplied matrix: 3x3, every cell 1..5. */
export function toPriorityMatrix(cells: readonly (readonly number[])[]): PriorityMatrix {
  const valid =
    cells.length === 3 &&
    cells.every((row) => row.length === 3 && row.every((cell) => Number.isInteger(cell) && cell >= 1 && cell <= 5));
  if (!valid) {
    throw new IncidentError(IncidentErrorCode.InvalidMatrix, 'the priority matrix must be 3x3 (impact x urgency) with priorities 1..5');
  }
  return cells.map((row) => [...row]) as unknown as PriorityMatrix;
}
