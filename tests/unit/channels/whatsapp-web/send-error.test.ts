import { DeliveryError } from '../../../../src/channels/delivery-error';
import { toWhatsappDeliveryError } from '../../../../src/channels/whatsapp-web/send-error';

describe('whatsapp-web.js send failures → DeliveryError', () => {
  it.each([
    [
      'Protocol error (Runtime.callFunctionOn): Session closed. Most likely the page has been closed.',
      false,
      'session_closed',
    ],
    ['Protocol error (Runtime.callFunctionOn): Target closed.', false, 'session_closed'],
    ['Execution context was destroyed, most likely because of a navigation.', false, 'page_reloading'],
    ['client is not ready', false, 'not_ready'],
    ['Navigation timeout of 30000 ms exceeded', false, 'page_reloading'],
    ['Evaluation failed: Error: wid error: invalid wid\n    at new Error (<anonymous>:6:31)', true, 'invalid_wid'],
    ['15551234567@c.us is not a registered WhatsApp user', true, 'not_registered'],
    ['something nobody has seen before', false, 'unknown'],
  ])('%j → permanent %s (%s)', (text, permanent, code) => {
    const error = toWhatsappDeliveryError(new Error(text));
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ permanent, providerCode: code });
  });

  it('passes a DeliveryError through unchanged', () => {
    const original = new DeliveryError('media answered 404', true, 'media_unavailable');
    expect(toWhatsappDeliveryError(original)).toBe(original);
  });

  it('keeps phone numbers and browser stacks out of the stored reason', () => {
    const error = toWhatsappDeliveryError(
      new Error('15551234567@c.us is not a registered WhatsApp user\n    at https://web.whatsapp.com/app.js:1:2'),
    );
    expect(error.message).not.toMatch(/5551234567/);
    expect(error.message).not.toMatch(/app\.js/);
  });

  it('accepts a thrown string', () => {
    expect(toWhatsappDeliveryError('Session closed')).toMatchObject({ permanent: false });
  });
});
