import { connection } from '../../test-fixtures/incident-stream';
import { SupplierExchangeError, SupplierExchangeErrorCode } from '../supplier-exchange.errors';
import { parseSupplierConnection } from './supplier-connection';

const asJson = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ ...(JSON.parse(JSON.stringify(connection())) as Record<string, unknown>), ...overrides });

function refusedField(input: unknown): unknown {
  try {
    parseSupplierConnection(input);
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
    expect(parseSupplierConnection(asJson())).toEqual(connection());
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
    ['a broken state mapping', { stateMapping: { outbound: {}, inbound: {} } }, 'outbound.new'],
  ])('refuses %s, naming the field', (_label, overrides, field) => {
    expect(refusedField(asJson(overrides))).toBe(field);
  });
});
