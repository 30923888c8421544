import { NotificationErrorCode } from '../domain/notification.errors';
import { endpointUrl } from './endpoint-url';

const refusal = (text: string, allow = false): unknown => {
  try {
    endpointUrl(text, allow);
  } catch (error) {
    return (error as { code: string; details: Record<string, unknown> }).code;
  }
  return 'accepted';
};

describe('endpoint URLs', () => {
  it('accepts public https URLs, normalised', () => {
    expect(endpointUrl(' https://hooks.slack.com/services/T1/B2/xyz ', false)).toBe('https://hooks.slack.com/services/T1/B2/xyz');
    expect(endpointUrl('https://93.184.216.34:8443/hook?a=1', false)).toBe('https://93.184.216.34:8443/hook?a=1');
  });

  it.each([
    ['http://example.com/hook', 'plain http'],
    ['ftp://example.com/hook', 'another scheme'],
    ['https://user:pw@example.com/hook', 'credentials'],
    ['https://example.com/hook#x', 'a fragment'],
    ['https://localhost/hook', 'localhost'],
    ['https://printer.local/hook', 'an mDNS name'],
    ['https://127.0.0.1/hook', 'loopback'],
    ['https://0x7f000001/hook', 'loopback spelled in hex'],
    ['https://10.1.2.3/hook', 'private 10/8'],
    ['https://172.20.0.1/hook', 'private 172.16/12'],
    ['https://192.168.1.1/hook', 'private 192.168/16'],
    ['https://169.254.169.254/latest/meta-data', 'the cloud metadata address'],
    ['https://100.64.0.1/hook', 'carrier-grade NAT'],
    ['https://0.0.0.0/hook', 'unspecified'],
    ['https://[::1]/hook', 'IPv6 loopback'],
    ['https://[fd00::1]/hook', 'IPv6 unique local'],
    ['https://[fe80::1]/hook', 'IPv6 link-local'],
    ['https://[::ffff:127.0.0.1]/hook', 'IPv4-mapped loopback'],
    ['not a url', 'no URL at all'],
  ])('refuses %s (%s) with NOTIFICATION.INVALID_ENDPOINT', (url) => {
    expect(refusal(url)).toBe(NotificationErrorCode.InvalidEndpoint);
  });

  it('allows http and private targets when private targets are allowed, never credentials', () => {
    expect(refusal('http://127.0.0.1:8080/hook', true)).toBe('accepted');
    expect(refusal('https://localhost/hook', true)).toBe('accepted');
    expect(refusal('http://u:p@127.0.0.1/hook', true)).toBe(NotificationErrorCode.InvalidEndpoint);
    expect(refusal('ftp://127.0.0.1/hook', true)).toBe(NotificationErrorCode.InvalidEndpoint);
  });
});
