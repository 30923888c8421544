/**
 * Whether an IP address (v4 dotted or v6, as `URL` normalises it, without brackets) is one an
 * outbound call must not reach unless private targets are allowed: loopback, private, carrier-grade
 * NAT, link-local, unspecified, multicast and broadcast ranges, unique-local and IPv4-mapped forms.
 */
export function isPrivateAddress(address: string): boolean {
  const v4 = ipv4(address);
  if (v4 !== null) return privateV4(v4);
  const v6 = address.toLowerCase();
  if (v6 === '::' || v6 === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped) return isPrivateAddress(mapped[1] as string);
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (hexMapped) {
    const [hi, lo] = [parseInt(hexMapped[1] as string, 16), parseInt(hexMapped[2] as string, 16)];
    return privateV4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  }
  const first = parseInt(v6.split(':')[0] || '0', 16);
  // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
}

function ipv4(address: string): number[] | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

function privateV4([a = 0, b = 0]: readonly number[]): boolean {
  return a === 0 || a === 10 || a === 127 || a >= 224 || (a === 100 && b >= 64 && b < 128) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || (a === 198 && (b === 18 || b === 19));
}

const LOCAL_NAMES = /(^|\.)(localhost|localdomain|internal|local)\.?$/i;

/**
 * Whether a URL's host (as `URL.hostname` gives it) is a private IP literal or a local name
 * (`localhost`, `.local`, `.internal`): refused when a target is registered. Names that merely
 * resolve to private addresses are caught when called (NodeHttpTransport checks the address it connects to).
 */
export function refusedHost(hostname: string): boolean {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return LOCAL_NAMES.test(host) || ((ipv4(host) !== null || host.includes(':')) && isPrivateAddress(host));
}
