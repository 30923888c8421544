import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components';
import type { OidcConfig } from '../auth/oidc-settings';
import { signInReturnPath } from '../auth/oidc-settings';

export const PERSONAS = ['requester', 'agent', 'supplier-agent', 'change-manager', 'cab-member', 'admin'] as const;

/**
 * Sign-in. With the development key (the all-in-one mode) a persona picker: the server issues the
 * persona's token (POST /dev/persona-token). With an identity provider (OpenID Connect): the code
 * flow with PKCE, oidc-client-ts loaded on the click.
 */
export function SignIn({ devPersonas, onToken, oidc, problem }: { devPersonas: boolean; onToken: (token: string) => void; oidc?: OidcConfig | undefined; problem?: string | undefined }) {
  const { t } = useTranslation();
  const [persona, setPersona] = useState<(typeof PERSONAS)[number]>('requester');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    fetch('/dev/persona-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) })
      .then(async (response) => {
        const body = (await response.json()) as { token?: string; error?: { message: string } };
        if (body.token === undefined) throw new Error(body.error?.message ?? `${response.status}`);
        onToken(body.token);
      })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => setBusy(false));
  };
  const [redirecting, setRedirecting] = useState(false);
  const withProvider = (provider: OidcConfig) => {
    setRedirecting(true);
    setError(undefined);
    import('../auth/oidc')
      .then(async (module) => module.startSignIn(provider, signInReturnPath(window.location.pathname, window.location.search)))
      .catch((failure: unknown) => {
        setRedirecting(false);
        setError(t('oidc.failed', { message: failure instanceof Error ? failure.message : String(failure) }));
      });
  };
  return (
    <section aria-labelledby="sign-in-title" className="card narrow">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <Alert messages={problem === undefined ? [] : [problem]} />
      {oidc !== undefined && (
        <p>
          <button type="button" onClick={() => withProvider(oidc)} disabled={redirecting}>
            {redirecting ? t('oidc.redirecting') : t('oidc.signIn')}
          </button>
        </p>
      )}
      {oidc !== undefined && !devPersonas && <Alert messages={error === undefined ? [] : [error]} />}
      {devPersonas ? (
        <form onSubmit={submit}>
          <fieldset>
            <legend>{t('signIn.persona')}</legend>
            {PERSONAS.map((id) => (
              <label key={id} className="choice">
                <input type="radio" name="persona" value={id} checked={persona === id} onChange={() => setPersona(id)} />
                {t(`signIn.personas.${id}`)}
              </label>
            ))}
          </fieldset>
          <Alert messages={error === undefined ? [] : [error]} />
          <button type="submit" disabled={busy}>
            {t('signIn.submit')}
          </button>
        </form>
      ) : (
        oidc === undefined && <p>{t('signIn.idp')}</p>
      )}
    </section>
  );
}
