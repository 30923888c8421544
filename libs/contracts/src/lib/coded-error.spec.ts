import { CodedError, ERROR_KINDS, isRetryableKind } from './coded-error';

enum ThingErrorCode {
  Missing = 'THING.MISSING',
}

class ThingError extends CodedError<ThingErrorCode> {
  override readonly name = 'ThingError';
}

describe('CodedError', () => {
  it('carries its code, message and details, and is an Error of its own class', () => {
    const error = new ThingError(ThingErrorCode.Missing, 'thing 7 not found', { id: '7' });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(CodedError);
    expect(error).toMatchObject({ name: 'ThingError', code: 'THING.MISSING', message: 'thing 7 not found', details: { id: '7' } });
    expect(new ThingError(ThingErrorCode.Missing, 'x').details).toEqual({});
  });

  it('calls only a lost race or an outage retryable', () => {
    expect(ERROR_KINDS.filter(isRetryableKind)).toEqual(['conflict', 'unavailable']);
  });
});
