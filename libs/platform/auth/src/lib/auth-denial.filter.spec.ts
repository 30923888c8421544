import { Logger } from '@nestjs/common';
import type { LoggerService } from '@nestjs/common';
import { AuthDenialFilter } from './auth-denial.filter';
import { AuthError, AuthErrorCode, toGraphqlAuthError } from './auth.errors';

describe('AuthDenialFilter', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('logs an expected denial once at warn, without a stack, and hands the error on unchanged', () => {
    const calls: { level: string; args: unknown[] }[] = [];
    const record = (level: string) => (...args: unknown[]) => void calls.push({ level, args });
    const capture: LoggerService = { log: record('log'), error: record('error'), warn: record('warn'), debug: record('debug'), verbose: record('verbose') };
    Logger.overrideLogger(capture);
    const denial = toGraphqlAuthError(new AuthError(AuthErrorCode.Forbidden, 'the caller lacks a role this operation requires'));

    expect(new AuthDenialFilter().catch(denial)).toBe(denial);

    expect(calls).toEqual([
      {
        level: 'warn',
        args: [{ msg: 'request denied', code: 'FORBIDDEN', reason: 'AUTH.FORBIDDEN', detail: 'the caller lacks a role this operation requires' }, 'Auth'],
      },
    ]);
    expect(JSON.stringify(calls)).not.toContain('at ');
  });
});
