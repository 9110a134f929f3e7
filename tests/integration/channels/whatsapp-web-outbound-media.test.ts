import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageMedia } from 'whatsapp-web.js';
import { fetchOutboundMedia } from '../../../src/channels/whatsapp-web/fetch-outbound-media';
import { WhatsappWebAdapter } from '../../../src/channels/whatsapp-web/whatsapp-web.adapter';
import { FakeWhatsappWebClient } from '../../support/fake-whatsapp-web-client';

/** Baton's signed media route, played by a local server. */
const pdf = Buffer.from('%PDF-1.7 voucher');
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/media/voucher')) {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
    } else if (req.url?.startsWith('/media/busy')) {
      res.writeHead(503).end('try later');
    } else {
      res.writeHead(403, { 'content-type': 'text/html' }).end('<h1>signature expired</h1>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('outbound media for whatsapp-web.js', () => {
  it('downloads a signed URL into the library’s MessageMedia, typed by Baton', async () => {
    const media = await fetchOutboundMedia({
      url: `${base}/media/voucher?sig=abc&exp=1`,
      contentType: 'application/pdf',
    });
    expect(media).toBeInstanceOf(MessageMedia); // the library sends media only for its own class
    expect(media.mimetype).toBe('application/pdf');
    expect(Buffer.from(media.data, 'base64').equals(pdf)).toBe(true);
    expect(media.filename).toBe('voucher');
  });

  it('fails permanently on a refused URL instead of sending the error page', async () => {
    const attempt = fetchOutboundMedia({ url: `${base}/media/expired?sig=secret-signature`, contentType: 'image/png' });
    await expect(attempt).rejects.toMatchObject({ permanent: true, providerCode: 'media_unavailable' });
    await expect(attempt).rejects.not.toThrow(/secret-signature/);
  });

  it('fails transiently when the media server is busy or unreachable', async () => {
    await expect(fetchOutboundMedia({ url: `${base}/media/busy`, contentType: 'image/png' })).rejects.toMatchObject({
      permanent: false,
    });
    await expect(
      fetchOutboundMedia({ url: 'http://127.0.0.1:1/media/x', contentType: 'image/png' }),
    ).rejects.toMatchObject({ permanent: false, providerCode: 'media_unavailable' });
  });

  it('the adapter sends a fetched attachment with the text as caption', async () => {
    const client = new FakeWhatsappWebClient();
    const adapter = new WhatsappWebAdapter({ getClient: () => client });
    await adapter.send({
      messageId: 'm-1',
      to: '+15551234567',
      text: 'Your voucher',
      media: [{ url: `${base}/media/voucher?sig=abc`, contentType: 'application/pdf' }],
    });
    expect(client.sent).toMatchObject([
      { chatId: '15551234567@c.us', text: 'Your voucher', media: { mimetype: 'application/pdf' } },
    ]);
    expect(Buffer.from(client.sent[0]?.media?.data ?? '', 'base64').equals(pdf)).toBe(true);
  });
});
