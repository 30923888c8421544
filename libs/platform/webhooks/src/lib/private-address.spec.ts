import { isPrivateAddress, refusedHost } from './private-address';

describe('private targets', () => {
  it('classifies resolved addresses', () => {
    expect(['127.0.0.53', '10.0.0.1', '::', 'fc00::1', '::ffff:7f00:1', '224.0.0.1', '198.18.0.1', '169.254.169.254', '::ffff:10.0.0.1'].map(isPrivateAddress)).toEqual(Array(9).fill(true));
    expect(['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888', '100.128.0.1'].map(isPrivateAddress)).toEqual([false, false, false, false]);
  });

  it('refuses private literals and local names as URL hosts, not public names', () => {
    expect(['localhost', 'printer.local', 'db.internal', '[::1]', '10.1.2.3', 'LOCALHOST.'].map(refusedHost)).toEqual(Array(6).fill(true));
    expect(['hooks.slack.com', '93.184.216.34', '[2001:4860:4860::8888]', 'localhost.example.com'].map(refusedHost)).toEqual([false, false, false, false]);
  });
});
