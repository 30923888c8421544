import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthEnv } from '@itsm/platform/auth';
import { ConfigError, envSchema, httpEnv, loadConfig } from '@itsm/platform/config';
import { GatewayEnv, toGatewaySettings } from './gateway-env';
import { documentHash, parseTrustedDocuments } from './trusted-documents';

const HELLO = 'query Hello { hello }';
const INCIDENT = 'query Incident($id: ID!) { incident(id: $id) { title } }';

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`).join('; ');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseTrustedDocuments', () => {
  it("reads Apollo's persisted query manifest and GraphQL Code Generator's id-to-document map alike", () => {
    const apollo = { format: 'apollo-persisted-query-manifest', version: 1, operations: [HELLO, INCIDENT].map((body) => ({ id: documentHash(body), name: 'x', type: 'query', body })) };
    const codegen = Object.fromEntries([HELLO, INCIDENT].map((body) => [documentHash(body), body]));
    const expected = new Map([HELLO, INCIDENT].map((body) => [documentHash(body), body]));
    expect(parseTrustedDocuments(JSON.stringify(apollo))).toEqual(expected);
    expect(parseTrustedDocuments(JSON.stringify(codegen))).toEqual(expected);
  });

  it('refuses a whole manifest for one bad entry, naming it: an id that is not the hash of its document, a document that does not parse', () => {
    const tampered = { [documentHash(HELLO)]: HELLO, [documentHash(INCIDENT)]: '{ incidents { id } }' };
    expect(problemOf(() => parseTrustedDocuments(JSON.stringify(tampered)))).toMatch(/GATEWAY_TRUSTED_DOCUMENTS: .*entry 2 .*not the SHA-256 of its document/);
    const broken = '{ hello ';
    expect(problemOf(() => parseTrustedDocuments(JSON.stringify({ [documentHash(broken)]: broken })))).toMatch(/entry 1 .*does not parse/);
    expect(problemOf(() => parseTrustedDocuments(JSON.stringify({ 'not-a-hash': HELLO })))).toMatch(/entry 1 .*lowercase hex SHA-256/);
    expect(problemOf(() => parseTrustedDocuments('{}'))).toMatch(/registers no operation/);
    expect(problemOf(() => parseTrustedDocuments('[1]'))).toMatch(/expected a JSON object/);
    expect(problemOf(() => parseTrustedDocuments(JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 2, operations: [] })))).toMatch(/version 1/);
    expect(problemOf(() => parseTrustedDocuments('{ nope'))).toMatch(/not JSON/);
  });
});

describe('trusted documents from the environment', () => {
  const schema = envSchema(httpEnv(4000), AuthEnv, GatewayEnv);
  const load = (env: Record<string, string>) => loadConfig(schema, { AUTH_DEV_KEY_FILE: 'k.json', GATEWAY_SUBGRAPHS: 'a=http://a/graphql', ...env });
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'itsm-trusted-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('turns them on with the manifest and the roles that may still send ad-hoc operations', () => {
    const file = join(dir, 'manifest.json');
    writeFileSync(file, JSON.stringify({ [documentHash(HELLO)]: HELLO }));
    expect(toGatewaySettings(load({ GATEWAY_TRUSTED_DOCUMENTS: file, GATEWAY_AD_HOC_ROLES: 'admin,agent' })).trustedDocuments).toEqual({
      documents: new Map([[documentHash(HELLO), HELLO]]),
      adHocRoles: ['admin', 'agent'],
    });
    expect(toGatewaySettings(load({ GATEWAY_TRUSTED_DOCUMENTS: file })).trustedDocuments?.adHocRoles).toEqual([]);
    expect(toGatewaySettings(load({})).trustedDocuments).toBeUndefined();
  });

  it('refuses a missing manifest and an unknown role', () => {
    expect(problemOf(() => toGatewaySettings(load({ GATEWAY_TRUSTED_DOCUMENTS: join(dir, 'missing.json') })))).toMatch(/GATEWAY_TRUSTED_DOCUMENTS: cannot read/);
    expect(() => load({ GATEWAY_AD_HOC_ROLES: 'root' })).toThrow(/GATEWAY_AD_HOC_ROLES/);
  });
});
