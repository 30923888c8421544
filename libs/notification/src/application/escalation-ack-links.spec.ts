import { SignedTokens } from './signed-tokens';
import { ACK_ROUTE_PREFIX, EscalationAckLinks } from './escalation-ack-links';

const settings = { signingSecret: 'spec-secret-0123456789abcdef0123456789', linkBaseUrl: 'https://portal.test/' } as ConstructorParameters<typeof EscalationAckLinks>[0];
const links = new EscalationAckLinks(settings);
const ESCALATION = '0123456789abcdef01234567';
const tokenOf = (link: string): string => link.slice(`https://portal.test${ACK_ROUTE_PREFIX}/`.length);

describe('EscalationAckLinks', () => {
  it('signs one link per paged person and reads back whom it names', () => {
    const link = links.link({ escalationId: ESCALATION, level: 2, index: 1 });
    expect(link).toMatch(new RegExp(`^https://portal\\.test${ACK_ROUTE_PREFIX}/${ESCALATION}l2p1\\.[0-9a-f]{20}$`));
    expect(links.read(tokenOf(link as string))).toEqual({ escalationId: ESCALATION, level: 2, index: 1 });
    expect(links.read(tokenOf(link as string).toUpperCase())).toEqual({ escalationId: ESCALATION, level: 2, index: 1 });
  });

  it('reads nothing from a forged, altered, foreign-purpose or foreign-secret token', () => {
    const token = tokenOf(links.link({ escalationId: ESCALATION, level: 1, index: 0 }) as string);
    expect(links.read(token.replace('l1p0', 'l1p1'))).toBeNull();
    expect(links.read(`${ESCALATION}l1p0.00000000000000000000`)).toBeNull();
    expect(links.read(new SignedTokens(settings.signingSecret).sign('reply', `${ESCALATION}l1p0`))).toBeNull();
    expect(links.read(new SignedTokens('another-secret-0123456789abcdef0123').sign('acknowledge', `${ESCALATION}l1p0`))).toBeNull();
    expect(links.read(new SignedTokens(settings.signingSecret).sign('acknowledge', 'abc'))).toBeNull();
    expect(links.read('../../etc')).toBeNull();
  });

  it('makes no link for an id the format cannot carry', () => {
    expect(links.link({ escalationId: 'not-an-object-id', level: 1, index: 0 })).toBeNull();
    expect(links.link({ escalationId: ESCALATION, level: 0, index: 0 })).toBeNull();
  });
});
