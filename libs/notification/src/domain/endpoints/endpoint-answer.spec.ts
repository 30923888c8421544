import { MAX_RETRY_AFTER_MS, retryAfterMs, verdictOf } from './endpoint-answer';

const NOW = Date.UTC(2030, 5, 1, 12, 0, 0);
const answer = (status: number, body = '', retryAfter: string | null = null) => ({ status, body, retryAfter });

describe('what an endpoint answered', () => {
  it('reads Retry-After as seconds or an HTTP date, capped and never negative', () => {
    expect(retryAfterMs('120', NOW)).toBe(120_000);
    expect(retryAfterMs(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(retryAfterMs(new Date(NOW - 30_000).toUTCString(), NOW)).toBe(0);
    expect(retryAfterMs('999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect([null, 'soon', '-5', '1.5'].map((h) => retryAfterMs(h, NOW))).toEqual([null, null, null, null]);
  });

  it('classifies webhook answers per Standard Webhooks', () => {
    expect(verdictOf('webhook', answer(204), NOW)).toEqual({ kind: 'sent', detail: 'HTTP 204' });
    expect(verdictOf('webhook', answer(301, 'moved'), NOW)).toEqual({ kind: 'failed', reason: 'redirect not followed (HTTP 301: moved)' });
    expect(verdictOf('webhook', answer(410), NOW)).toEqual({ kind: 'disabled', reason: 'gone (HTTP 410)' });
    expect(verdictOf('webhook', answer(429, '', '7'), NOW)).toEqual({ kind: 'retry', reason: 'HTTP 429', afterMs: 7000 });
    expect(verdictOf('webhook', answer(503), NOW)).toEqual({ kind: 'retry', reason: 'HTTP 503', afterMs: null });
    expect(verdictOf('webhook', answer(404), NOW)).toEqual({ kind: 'failed', reason: 'HTTP 404' });
    expect(verdictOf('webhook', answer(400, 'bad'), NOW)).toEqual({ kind: 'failed', reason: 'HTTP 400: bad' });
  });

  it("classifies Slack's and Teams' answers: gone webhooks, archived channels, our own mistakes", () => {
    expect(verdictOf('slack', answer(200, 'ok'), NOW).kind).toBe('sent');
    expect(verdictOf('teams', answer(202), NOW).kind).toBe('sent');
    expect(verdictOf('slack', answer(404, 'channel_not_found'), NOW)).toEqual({ kind: 'gone', reason: 'HTTP 404: channel_not_found' });
    expect(verdictOf('slack', answer(403, 'invalid_token'), NOW).kind).toBe('gone');
    expect(verdictOf('slack', answer(400, 'no_service'), NOW).kind).toBe('gone');
    expect(verdictOf('slack', answer(410, 'channel_is_archived'), NOW).kind).toBe('disabled');
    expect(verdictOf('slack', answer(400, 'invalid_payload'), NOW).kind).toBe('failed');
    expect(verdictOf('slack', answer(403, 'action_prohibited'), NOW).kind).toBe('failed');
    expect(verdictOf('teams', answer(404), NOW).kind).toBe('gone');
    expect(verdictOf('teams', answer(401), NOW).kind).toBe('failed');
    expect(verdictOf('teams', answer(500, 'rollup_error'), NOW).kind).toBe('retry');
  });
});
