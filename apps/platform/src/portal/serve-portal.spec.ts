import { PersonaError, PersonaErrorCode, personaOf, PORTAL_PERSONAS } from './portal-personas';
import { isClientRoute } from './serve-portal';

describe('the portal on the all-in-one', () => {
  it("answers index.html for `/` and the build's client routes only, never for the gateway's own paths", () => {
    const prefixes = ['/sign-in', '/self-service', '/agent'];
    for (const path of ['/', '/sign-in', '/self-service', '/self-service/report', '/agent', '/agent/incidents/abc']) expect([path, isClientRoute(path, prefixes)]).toEqual([path, true]);
    for (const path of ['/graphql', '/health/ready', '/metrics', '/reporting/v1/sla.csv', '/scim/v2/Users', '/agentx', '/favicon.ico', '/assets/index.js']) expect([path, isClientRoute(path, prefixes)]).toEqual([path, false]);
  });

  it("issues each persona as the demo data's person, with its roles and organisation", () => {
    expect(personaOf({ persona: 'requester' })).toEqual({ id: 'requester', claims: { sub: 'u-requester', name: 'Rita Requester', roles: ['requester'], org: 'fabrikam' } });
    expect(personaOf({ persona: 'supplier-agent' }).claims).toEqual({ sub: 'u-supplier-agent', name: 'Sam Supplier', roles: ['supplier-agent'], org: 'northwind-networks' });
    expect(Object.keys(PORTAL_PERSONAS)).toEqual(['requester', 'agent', 'supplier-agent', 'change-manager', 'cab-member', 'admin']);
  });

  it('refuses an unknown persona with a typed error naming the field', () => {
    for (const body of [{ persona: 'root' }, { persona: 'toString' }, { persona: 7 }, {}, null, 'agent', undefined]) {
      let thrown: unknown;
      try {
        personaOf(body);
      } catch (error: unknown) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PersonaError);
      expect([(thrown as PersonaError).code, (thrown as PersonaError).details]).toEqual([PersonaErrorCode.UnknownPersona, { field: 'persona' }]);
    }
  });
});
