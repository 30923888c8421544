import { attachmentName } from './report-period';

/** Why an export failed, in the server's words (its JSON error) or the HTTP status. */
export class CsvExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvExportError';
  }
}

/**
 * Downloads one of the reporting context's CSV exports (GET /reporting/v1/<report>.csv) with the
 * bearer token: fetched (a link cannot carry the token), then saved from a blob through a download link,
 * as `name` (the card's: a scorecard is the incident report filtered, the server would name it so), else
 * as the server names it.
 */
export async function downloadCsv(url: string, token: string, name?: string): Promise<string> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/csv' } });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      if (body.error?.message !== undefined) message = body.error.message;
    } catch {
      // Not JSON: the status says it.
    }
    throw new CsvExportError(message);
  }
  const saved = name ?? attachmentName(response.headers.get('content-disposition'), 'export.csv');
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = saved;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return saved;
}
