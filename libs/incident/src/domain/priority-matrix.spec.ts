import { IncidentError, IncidentErrorCode } from './incident.errors';
import type { Level } from './priority-matrix';
import { DEFAULT_PRIORITY_MATRIX, isLevel, priorityOf, toPriorityMatrix } from './priority-matrix';

function codeOf(run: () => unknown): IncidentErrorCode {
  try {
    run();
  } catch (error) {
    if (error instanceof IncidentError) return error.code;
    throw error;
  }
  throw new Error('expected an IncidentError');
}

describe('priority matrix', () => {
  it.each<[Level, Level, number]>([
    [1, 1, 1],
    [1, 2, 2],
    [1, 3, 3],
    [2, 1, 2],
    [2, 2, 3],
    [2, 3, 4],
    [3, 1, 3],
    [3, 2, 4],
    [3, 3, 5],
  ])('default: impact %i x urgency %i = P%i', (impact, urgency, priority) => {
    expect(priorityOf(DEFAULT_PRIORITY_MATRIX, impact, urgency)).toBe(priority);
  });

  it('reads rows as impact and columns as urgency', () => {
    const matrix = toPriorityMatrix([
      [1, 1, 1],
      [5, 5, 5],
      [3, 3, 3],
    ]);
    expect(priorityOf(matrix, 2, 1)).toBe(5);
    expect(priorityOf(matrix, 1, 3)).toBe(1);
  });

  it('accepts a valid matrix and copies it', () => {
    const cells = [
      [1, 1, 2],
      [2, 3, 4],
      [4, 5, 5],
    ];
    const matrix = toPriorityMatrix(cells);
    cells[0]![0] = 5;
    expect(matrix).toEqual([
      [1, 1, 2],
      [2, 3, 4],
      [4, 5, 5],
    ]);
  });

  it.each<[string, number[][]]>([
    ['2 rows', [[1, 2, 3], [2, 3, 4]]],
    ['4 rows', [[1, 2, 3], [2, 3, 4], [3, 4, 5], [3, 4, 5]]],
    ['a short row', [[1, 2, 3], [2, 3], [3, 4, 5]]],
    ['a long row', [[1, 2, 3], [2, 3, 4, 5], [3, 4, 5]]],
    ['no rows', []],
    ['a 0', [[0, 2, 3], [2, 3, 4], [3, 4, 5]]],
    ['a 6', [[1, 2, 3], [2, 3, 4], [3, 4, 6]]],
    ['a negative', [[1, 2, 3], [2, -3, 4], [3, 4, 5]]],
    ['a fraction', [[1, 2, 3], [2, 2.5, 4], [3, 4, 5]]],
    ['NaN', [[1, 2, 3], [2, NaN, 4], [3, 4, 5]]],
  ])('rejects %s with INCIDENT.INVALID_PRIORITY_MATRIX', (_label, cells) => {
    expect(codeOf(() => toPriorityMatrix(cells))).toBe(IncidentErrorCode.InvalidMatrix);
  });

  it('tells levels from other numbers', () => {
    expect([0, 1, 2, 3, 4, 1.5].filter(isLevel)).toEqual([1, 2, 3]);
  });
});
