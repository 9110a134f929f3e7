import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWhatsappWebClient } from '../../../src/channels/whatsapp-web/whatsapp-web-client';

/**
 * The real library client, as far as it gets without WhatsApp: it must use the
 * configured browser (never a downloaded one) and keep the session under dataPath.
 */
let dataPath: string;
beforeEach(() => {
  dataPath = mkdtempSync(path.join(tmpdir(), 'baton-wwebjs-'));
});
afterEach(() => rmSync(dataPath, { recursive: true, force: true }));

describe('createWhatsappWebClient', () => {
  it('launches the configured Chromium and keeps the session folder under dataPath', async () => {
    const client = createWhatsappWebClient({
      dataPath,
      clientId: 'baton-test',
      executablePath: '/nonexistent/chromium',
    });
    await expect(client.initialize()).rejects.toThrow(/\/nonexistent\/chromium/);
    expect(existsSync(path.join(dataPath, 'session-baton-test'))).toBe(true);
    await client.destroy().catch(() => {});
  });

  it('refuses a clientId that cannot name a folder', () => {
    expect(() => createWhatsappWebClient({ dataPath, clientId: '../escape' })).toThrow(/Invalid clientId/);
  });
});
