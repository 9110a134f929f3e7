import { BatonError } from '../core/errors';

/** A failed send. `permanent` failures are not retried; their reason is stored on the message. */
export class DeliveryError extends BatonError {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly providerCode?: string,
    options?: { cause?: unknown },
  ) {
    super(permanent ? 'delivery_failed_permanent' : 'delivery_failed_transient', message, options);
    this.name = 'DeliveryError';
  }
}
