import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components';

/** A comment box: `send` posts it; the server's refusal shows above the box, the text stays. */
export function CommentForm({ id, send }: { id: string; send: (text: string) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    send(text)
      .then(() => setText(''))
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => setBusy(false));
  };
  return (
    <form onSubmit={submit} className="action" noValidate>
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      <div className="field">
        <label htmlFor={id}>{t('selfService.comments.add')}</label>
        <textarea id={id} rows={3} value={text} onChange={(event) => setText(event.target.value)} />
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('selfService.comments.sending') : t('selfService.comments.send')}
      </button>
    </form>
  );
}

/** Comments, oldest first, each with its author and time. */
export function CommentList({ comments }: { comments: readonly { id: string; by: string; at: string; text: string }[] }) {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  if (comments.length === 0) return <p>{t('selfService.comments.none')}</p>;
  return (
    <ol className="timeline comments">
      {[...comments]
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((comment) => (
          <li key={comment.id}>
            <time dateTime={comment.at}>{when.format(new Date(comment.at))}</time> <strong>{comment.by}</strong>: <span className="description">{comment.text}</span>
          </li>
        ))}
    </ol>
  );
}
