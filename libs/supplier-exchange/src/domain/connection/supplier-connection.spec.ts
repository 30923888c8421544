import { connection } from '../../test-fixtures/incident-stream';
import { SupplierExchangeError, SupplierExchangeErrorCode } from '../supplier-exchange.errors';
import { parseSupplierConnection } from './supplier-connection';
import type { InboundKeyCheck } from './supplier-connection';

/** The domain's view of the key parser: a `whpk_`/`whsec_` prefix and base64 (the real one lives in the platform's webhooks lib). */
const checkKey: InboundKeyCheck = (text) => (/^(whpk|whsec)_[A-Za-z0-9+/]+=*$/.test(text) ? undefined : 'is not a whpk_ or whsec_ key');

const asJson = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ ...(JSON.parse(JSON.stringify(connection())) as Record<string, unknown>), ...overrides });

function refusedField(input: unknown): unknown {
  try {
    parseSupplierConnection(input, checkKey);
  } catch (error) {
    if (error instanceof SupplierExchangeError) {
      expect([SupplierExchangeErrorCode.InvalidConnection, SupplierExchangeErrorCode.InvalidMapping]).toContain(error.code);
      return error.details['field'];
    }
    throw error;
  }
  throw new Error('expected the connection to be refused');
}

describe('supplier connection', () => {
  it('accepts an admin\'s connection as JSON', () => {
    expect(parseSupplierConnection(asJson(), checkKey)).toEqual(connection());
  });

  it('accepts two keys during a rotation, one of each kind', () => {
    expect(parseSupplierConnection(asJson({ inboundKeys: ['whpk_AAAA', 'whsec_BBBB'] }), checkKey).inboundKeys).toEqual(['whpk_AAAA', 'whsec_BBBB']);
  });

  it.each([
    ['a supplier id that cannot name a topic', { supplierId: 'Acme.EU' }, 'supplierId'],
    ['a one-letter supplier id', { supplierId: 'a' }, 'supplierId'],
    ['a missing agent', { agentId: undefined }, 'agentId'],
    ['a name with a control character', { name: 'Acme\u0007' }, 'name'],
    ['a flag that is not a boolean', { exposeCallerContact: 'yes' }, 'exposeCallerContact'],
    ['no ticket kinds', { ticketKinds: [] }, 'ticketKinds'],
    ['an unknown ticket kind', { ticketKinds: ['change'] }, 'ticketKinds'],
    ['an unknown field', { webhookSecret: 's3cret' }, 'webhookSecret'],
    ['no inbound keys', { inboundKeys: [] }, 'inboundKeys'],
    ['three inbound keys', { inboundKeys: ['whpk_AAAA', 'whpk_BBBB', 'whsec_CCCC'] }, 'inboundKeys'],
    ['the same key twice', { inboundKeys: ['whpk_AAAA', 'whpk_AAAA'] }, 'inboundKeys'],
    ['a private key as inbound key', { inboundKeys: ['whpk_AAAA', 'whsk_AAAA'] }, 'inboundKeys.1'],
    ['a key that is not text', { inboundKeys: [42] }, 'inboundKeys.0'],
    ['a broken state mapping', { stateMapping: { outbound: {}, inbound: {} } }, 'outbound.new'],
  ])('refuses %s, naming the field', (_label, overrides, field) => {
    expect(refusedField(asJson(overrides))).toBe(field);
  });
});
