import { pageOf, ROUTES } from '../routes';

describe('self-service routes', () => {
  it('reads the self-service pages from their paths, ids decoded', () => {
    expect(pageOf(ROUTES.catalogue)).toEqual({ kind: 'catalogue' });
    expect(pageOf(`${ROUTES.catalogue}/`)).toEqual({ kind: 'catalogue' });
    expect(pageOf(ROUTES.catalogItem('demo/laptop'))).toEqual({ kind: 'catalogue-item', id: 'demo/laptop' });
    expect(pageOf(ROUTES.request('r-1'))).toEqual({ kind: 'request', id: 'r-1' });
    expect(pageOf(ROUTES.myIncident('i 1'))).toEqual({ kind: 'my-incident', id: 'i 1' });
    expect(pageOf(ROUTES.approvals)).toEqual({ kind: 'approvals' });
    expect(pageOf('/self-service/requests/a/b').kind).toBe('home');
  });
});
