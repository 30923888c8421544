import { ChangeErrorCode } from '../change.errors';
import { readGateRequest } from './gate-request';

describe('gate request', () => {
  it('reads a CI id, or an application service and environment, with the change and pipeline when given', () => {
    expect(readGateRequest({ ciId: 'ci-1' })).toEqual({ target: { kind: 'ci', ciId: 'ci-1' }, change: null, pipeline: null });
    expect(readGateRequest({ service: 'svc-1', environment: 'production', change: 'CHG0001000', pipeline: 'payments #42' })).toEqual({
      target: { kind: 'service', serviceId: 'svc-1', environment: 'production' },
      change: 'CHG0001000',
      pipeline: 'payments #42',
    });
  });

  it.each([
    [null, ''],
    [[], ''],
    ['ci-1', ''],
    [{}, 'service'],
    [{ service: 'svc-1' }, 'environment'],
    [{ ciId: 'ci-1', service: 'svc-1', environment: 'production' }, 'ciId'],
    [{ ciId: 'ci 1' }, 'ciId'],
    [{ ciId: 7 }, 'ciId'],
    [{ ciId: 'ci-1', extra: true }, 'extra'],
    [{ ciId: 'ci-1', pipeline: '' }, 'pipeline'],
    [{ ciId: 'ci-1', pipeline: 'x'.repeat(201) }, 'pipeline'],
    [{ ciId: 'ci-1', pipeline: 'bell\u0007' }, 'pipeline'],
    [{ service: 'svc-1', environment: 'Prod!' }, 'environment'],
  ])('refuses %j with CHANGE.INVALID_INPUT on %s', (body, field) => {
    expect(() => readGateRequest(body)).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput, details: { field } }));
  });
});
