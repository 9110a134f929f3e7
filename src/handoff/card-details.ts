/** What the handoff card (and the playground's copy of it) shows as "details". Pure. */

export type WebhookRun = { webhookState: string | null; webhookStatus: number | null; webhookError: string | null };

/**
 * Details by label. Custom actions store `{ label, value, display }` per field (see
 * action-run-store.ts); anything else written to `collected` is shown as it is.
 */
export function collectedDetails(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (v && typeof v === 'object' && 'display' in v && typeof v.display === 'string') {
        const label = 'label' in v && typeof v.label === 'string' ? v.label : key;
        return [label, v.display];
      }
      return [key, typeof v === 'string' ? v : JSON.stringify(v)];
    }),
  );
}

/**
 * The booking webhook's outcome, so a specialist knows whether the booking system has the
 * details. `warning` prefixes a failure (Slack shows an emoji; a page without emoji fonts, none).
 */
export function bookingSystemDetail(run: WebhookRun | undefined, warning = '⚠️ '): Record<string, string> {
  if (!run?.webhookState) return {};
  const status = run.webhookStatus ? ` (HTTP ${run.webhookStatus})` : '';
  const text: Record<string, string> = {
    pending: run.webhookError ? `retrying: ${run.webhookError}` : 'sending…',
    succeeded: `received${status}`,
    failed: `${warning}failed${status}: ${run.webhookError ?? 'unknown error'}. Enter the details by hand.`,
  };
  return { 'Booking system': text[run.webhookState] ?? run.webhookState };
}
