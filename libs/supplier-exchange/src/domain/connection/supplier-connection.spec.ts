import { connection } from '../../test-fixtures/incident-stream';
import { SupplierExchangeError, SupplierExchangeErrorCode } from '../supplier-exchange.errors';
import { addSigningKey, parseSupplierConnection, removeSigningKey } from './supplier-connection';
import type { InboundKeyCheck, OutboundChecks } from './supplier-connection';

/** The domain's view of the key parser: a `whpk_`/`whsec_` prefix and base64 (the real one lives in the platform's webhooks lib). */
const checkKey: InboundKeyCheck = (text) => (/^(whpk|whsec)_[A-Za-z0-9+/]+=*$/.test(text) ? undefined : 'is not a whpk_ or whsec_ key');

/** The domain's view of the outbound checks: a `whsec_`/`whsk_` prefix; https URLs only. */
const checks: OutboundChecks = {
  signingKey: (text) => (/^(whsk|whsec)_[A-Za-z0-9+/]+=*$/.test(text) ? undefined : 'is not a whsec_ or whsk_ key'),
  url: (text) => (text.startsWith('https://') ? { url: text } : { problem: 'only https' }),
};
const WEBHOOK = { channel: 'webhook', url: 'https://hooks.acme.example/itsm', signingKeys: ['whsec_AAAA'] };

const asJson = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ ...(JSON.parse(JSON.stringify(connection())) as Record<string, unknown>), ...overrides });

function refusedField(input: unknown): unknown {
  try {
    parseSupplierConnection(input, checkKey, checks);
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
    expect(parseSupplierConnection(asJson(), checkKey, checks)).toEqual(connection());
  });

  it('accepts two keys during a rotation, one of each kind', () => {
    expect(parseSupplierConnection(asJson({ inboundKeys: ['whpk_AAAA', 'whsec_BBBB'] }), checkKey, checks).inboundKeys).toEqual(['whpk_AAAA', 'whsec_BBBB']);
  });

  it('takes the Kafka channel when none is named, and a webhook with its URL and signing keys', () => {
    const { outbound: _omitted, ...withoutChannel } = asJson();
    expect(parseSupplierConnection(withoutChannel, checkKey, checks).outbound).toEqual({ channel: 'kafka' });
    expect(parseSupplierConnection(asJson({ outbound: WEBHOOK }), checkKey, checks).outbound).toEqual(WEBHOOK);
    expect(parseSupplierConnection(asJson({ outbound: { ...WEBHOOK, signingKeys: ['whsec_AAAA', 'whsk_BBBB'] } }), checkKey, checks).outbound).toMatchObject({ signingKeys: ['whsec_AAAA', 'whsk_BBBB'] });
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
    ['an unknown channel', { outbound: { channel: 'sftp' } }, 'outbound.channel'],
    ['a Kafka channel with a URL', { outbound: { channel: 'kafka', url: 'https://x.example' } }, 'outbound.url'],
    ['a webhook without a URL', { outbound: { ...WEBHOOK, url: undefined } }, 'outbound.url'],
    ['a webhook over plain http', { outbound: { ...WEBHOOK, url: 'http://hooks.acme.example' } }, 'outbound.url'],
    ['a webhook without signing keys', { outbound: { ...WEBHOOK, signingKeys: [] } }, 'outbound.signingKeys'],
    ['a public key to sign with', { outbound: { ...WEBHOOK, signingKeys: ['whsec_AAAA', 'whpk_AAAA'] } }, 'outbound.signingKeys.1'],
    ['three signing keys', { outbound: { ...WEBHOOK, signingKeys: ['whsec_A', 'whsec_B', 'whsec_C'] } }, 'outbound.signingKeys'],
    ['a webhook field it does not have', { outbound: { ...WEBHOOK, secret: 'x' } }, 'outbound.secret'],
    ['a broken state mapping', { stateMapping: { outbound: {}, inbound: {} } }, 'outbound.new'],
  ])('refuses %s, naming the field', (_label, overrides, field) => {
    expect(refusedField(asJson(overrides))).toBe(field);
  });

  it('rotates webhook signing keys: a second key beside the first, never a third; the old one retired, never the last', () => {
    const hooked = parseSupplierConnection(asJson({ outbound: WEBHOOK }), checkKey, checks);
    const both = addSigningKey(hooked, 'whsec_BBBB');
    expect(both.outbound).toEqual({ ...WEBHOOK, signingKeys: ['whsec_AAAA', 'whsec_BBBB'] });
    const fieldOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof SupplierExchangeError) return [error.code, error.details['field']];
        throw error;
      }
      throw new Error('expected a refusal');
    };
    expect(fieldOf(() => addSigningKey(both, 'whsec_CCCC'))).toEqual([SupplierExchangeErrorCode.InvalidConnection, 'outbound.signingKeys']);
    expect(removeSigningKey(both, 'whsec_AAAA').outbound).toEqual({ ...WEBHOOK, signingKeys: ['whsec_BBBB'] });
    expect(fieldOf(() => removeSigningKey(hooked, 'whsec_AAAA'))).toEqual([SupplierExchangeErrorCode.InvalidConnection, 'keyId']);
    expect(fieldOf(() => removeSigningKey(both, 'whsec_ZZZZ'))).toEqual([SupplierExchangeErrorCode.InvalidConnection, 'keyId']);
    expect(fieldOf(() => addSigningKey(connection(), 'whsec_BBBB'))).toEqual([SupplierExchangeErrorCode.InvalidConnection, 'outbound.channel']);
  });
});
