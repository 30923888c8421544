import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components';
import type { OidcConfig } from '../auth/oidc-settings';

// One exchange per callback URL while it runs: the code is single-use and React's strict mode runs
// effects twice. Dropped once settled, so coming back to the URL (Back) exchanges nothing again.
const exchanges = new Map<string, Promise<{ token: string; returnPath: string }>>();

/** The identity provider's redirect back (/auth/callback?code&state): exchanges the code, then signs in. */
export function OidcCallback({ oidc, onToken, onRetry }: { oidc: OidcConfig; onToken: (token: string, returnPath: string) => void; onRetry: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    const url = window.location.href;
    let exchange = exchanges.get(url);
    if (exchange === undefined) {
      const started = import('../auth/oidc').then(async (module) => module.completeSignIn(oidc));
      exchange = started;
      exchanges.set(url, started);
      const forget = () => exchanges.delete(url);
      started.then(forget, forget);
    }
    exchange
      .then(({ token, returnPath }) => {
        if (current) onToken(token, returnPath);
      })
      .catch((failure: unknown) => {
        if (current) setError(failure instanceof Error ? failure.message : String(failure));
      });
    return () => {
      current = false;
    };
  }, [oidc, onToken]);
  return (
    <section aria-labelledby="callback-title" className="card narrow">
      <h1 id="callback-title">{t('signIn.title')}</h1>
      {error === undefined ? (
        <p role="status">{t('oidc.redirecting')}</p>
      ) : (
        <>
          <Alert messages={[t('oidc.failed', { message: error })]} />
          <button type="button" onClick={onRetry}>
            {t('oidc.retry')}
          </button>
        </>
      )}
    </section>
  );
}
