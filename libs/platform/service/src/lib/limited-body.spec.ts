import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { readLimitedBody, readLimitedBytes, requestMediaType } from './limited-body';

function request(headers: Record<string, string>, chunks: readonly (string | Buffer)[]): IncomingMessage {
  const stream = new PassThrough();
  Object.assign(stream, { headers });
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  return stream as unknown as IncomingMessage;
}

describe('readLimitedBody', () => {
  it('reads a body up to the limit, chunks joined as UTF-8', async () => {
    await expect(readLimitedBody(request({}, ['{"a":', '"é"}']), 10)).resolves.toEqual({ kind: 'read', text: '{"a":"é"}' });
    await expect(readLimitedBody(request({}, []), 9)).resolves.toEqual({ kind: 'read', text: '' });
  });

  it('refuses a declared length over the limit before reading, and a longer stream once past it', async () => {
    await expect(readLimitedBody(request({ 'content-length': '11' }, ['x']), 10)).resolves.toEqual({ kind: 'too-large' });
    await expect(readLimitedBody(request({}, ['123456', '789012']), 10)).resolves.toEqual({ kind: 'too-large' });
  });

  it('keeps the bytes as they came, even when they are not UTF-8 (a signature is over the bytes)', async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const read = await readLimitedBytes(request({}, [bytes.subarray(0, 2), bytes.subarray(2)]), 4);
    expect(read.kind === 'read' && read.bytes.equals(bytes)).toBe(true);
    await expect(readLimitedBytes(request({}, [bytes, 'x']), 4)).resolves.toEqual({ kind: 'too-large' });
  });

  it('names the media type without its parameters', () => {
    expect(requestMediaType(request({ 'content-type': 'Application/JSON; charset=utf-8' }, []))).toBe('application/json');
    expect(requestMediaType(request({}, []))).toBe('');
  });
});
