import { evolveIncidentFact } from './incident-fact';
import type { IncidentFact } from './incident-fact';
import { periodBuckets } from './periods';
import { rejectionOf, rejectionRows } from './supplier-rejection';
import { incidentHistory, supplierUpdates } from '../test-fixtures/incident-history';

const facts = (): Map<string, IncidentFact> => {
  const folded = new Map<string, IncidentFact>();
  for (const event of incidentHistory()) {
    const next = evolveIncidentFact(folded.get(event.subject ?? ''), event);
    if (next !== undefined) folded.set(next.id, next);
  }
  return folded;
};

describe('supplier rejections', () => {
  const rejections = supplierUpdates().map(rejectionOf).filter((r) => r !== null);

  it('records rejections only, once per exchange event', () => {
    expect(rejections.map((r) => [r.ticketId, r.supplierId, new Date(r.at).toISOString()])).toEqual([
      ['b', 'northwind-tmf', '2026-03-02T10:20:00.000Z'],
      ['zz', 'northwind-tmf', '2026-03-02T10:30:00.000Z'],
    ]);
    expect(new Set(rejections.map((r) => r.id)).size).toBe(2);
  });

  it('counts a rejection for the organisation holding the incident then, per period; one of an unknown incident for nobody', () => {
    const days = periodBuckets({ from: '2026-03-01', to: '2026-03-04', timeZone: 'UTC', grain: 'day' });
    // B: Northwind holds it from 10:15Z, rejected 10:20Z -> Northwind, 2 March.
    expect(rejectionRows(rejections, facts(), 'northwind', days).map((r) => [r.period, r.rejected])).toEqual([['2026-03-01', 0], ['2026-03-02', 1], ['2026-03-03', 0]]);
    // Contoso held B before (to 10:15Z): not its rejection.
    expect(rejectionRows(rejections, facts(), 'contoso', days).map((r) => r.rejected)).toEqual([0, 0, 0]);
    // Had it come at 10:10Z, Contoso still held B.
    const early = rejections.map((r) => (r.ticketId === 'b' ? { ...r, at: Date.parse('2026-03-02T10:10:00.000Z') } : r));
    expect(rejectionRows(early, facts(), 'contoso', days).map((r) => r.rejected)).toEqual([0, 1, 0]);
  });
});
