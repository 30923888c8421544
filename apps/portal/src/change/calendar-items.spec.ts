import { calendarItems, unknownChangeIds } from './calendar-items';

describe('calendar items', () => {
  it('draws changes with the conflicts the API reports, windows and blackouts without any', () => {
    const data = {
      changeCalendar: {
        changes: [
          { id: 'c1', number: 'CHG1', configurationItemIds: ['ci-1'], assigneeId: null, start: '2026-03-02T10:00:00.000Z', end: '2026-03-02T11:00:00.000Z' },
          { id: 'c2', number: 'CHG2', configurationItemIds: [], assigneeId: null, start: '2026-03-03T10:00:00.000Z', end: '2026-03-03T11:00:00.000Z' },
        ],
        maintenanceWindows: [{ windowId: 'w', name: 'Sunday', scope: 'ci', targetId: 'ci-1', start: '2026-03-01T00:00:00.000Z', end: '2026-03-01T04:00:00.000Z' }],
        blackouts: [{ id: 'b', name: 'Freeze', reason: 'Year end', serviceIds: [], start: '2026-03-02T00:00:00.000Z', end: '2026-03-03T00:00:00.000Z' }],
      },
    };
    const known = new Map([['c1', { id: 'c1', title: 'Patch', state: 'scheduled' as const, conflicts: [{ kind: 'blackout', reason: 'in Freeze' }] }]]);
    expect(unknownChangeIds(data, known)).toEqual(['c2']);
    const items = calendarItems(data, known);
    expect(items.map((item) => [item.kind, item.label, item.detail, item.conflicts.length])).toEqual([
      ['blackout', 'Freeze', 'Year end', 0],
      ['maintenance', 'Sunday', 'ci: ci-1', 0],
      ['change', 'CHG1', 'Patch · ci-1', 1],
      ['change', 'CHG2', '', 0],
    ]);
  });
});
