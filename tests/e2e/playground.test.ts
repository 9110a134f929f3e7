import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildPlayground } from './support/build-playground';
import { type PlaygroundBaton, startPlaygroundBaton } from './support/playground-baton';

/**
 * The playground in a real browser, on Baton as `npm start` runs it (example config, local
 * answerer over the sample documents, no accounts): the traveler's phone on the left, the
 * specialist's inbox on the right.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshotPath = path.resolve(__dirname, '../../docs/playground.png');

let assetsDir: string | undefined;
let baton: PlaygroundBaton | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is missing at ${chromiumPath}: the playground's end-to-end test drives it. ` +
        'Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  assetsDir = await buildPlayground();
  baton = await startPlaygroundBaton({ assetsDir });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Run as root in a container with a closed network: no sandbox, no GPU, no calls home.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  page.setDefaultTimeout(15_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await baton?.close();
  if (assetsDir) await rm(assetsDir, { recursive: true, force: true });
});

async function sendAsTraveler(text: string): Promise<void> {
  const input = page.getByLabel('Message as the traveler');
  await input.fill(text);
  await input.press('Enter');
}

it('answers the traveler, shows the handoff card, and carries a claimed specialist’s reply to the phone', async () => {
  if (!baton) throw new Error('Baton did not start');
  await page.goto(`${baton.baseUrl}/playground`);
  const phone = page.getByTestId('phone');
  const card = page.getByTestId('handoff-card');

  // The AI answers from the sample documents, in the phone.
  await sendAsTraveler('What happens if my flight is delayed?');
  const answer = phone.locator('.bubble.theirs').first();
  await answer.waitFor();
  expect(await answer.textContent()).toMatch(/delay/i);
  expect(await answer.textContent()).not.toContain('not sure');

  // Asking for a person hands off; the lost-luggage rule tags it urgent. No reload: the
  // card arrives over the event stream.
  await sendAsTraveler('I want to speak to someone about my lost luggage');
  await phone.getByText('connecting you to one of our travel specialists').waitFor();
  await card.getByText('Waiting for a specialist').waitFor();
  await expectText(card.getByTestId('handoff-reason'), 'traveler asked for a person');
  await expectText(card.getByTestId('card-tags'), 'urgent');

  await card.getByRole('button', { name: 'Claim' }).click();
  await card.getByText('With a specialist').waitFor();
  await card.getByText('You (playground)').waitFor();

  await page.getByLabel('Reply to the traveler').fill('Hi, this is Ana from the luggage desk. I am on it.');
  await page.getByRole('button', { name: 'Send to traveler' }).click();
  await phone.getByText('Hi, this is Ana from the luggage desk. I am on it.').waitFor();
  await page.getByTestId('thread').getByText('delivered').last().waitFor();

  // What the browser showed is what Baton stored, through the same paths as Slack's.
  const conversation = await baton.runtime.db.conversation.findFirstOrThrow({
    where: { handoffReason: 'traveler asked for a person' },
    include: { tags: { include: { tag: true } }, events: { orderBy: { seq: 'asc' } } },
  });
  expect(conversation.state).toBe('human');
  expect(conversation.assignee).toBe('playground');
  expect(conversation.tags.map(({ tag }) => tag.name)).toEqual(['urgent']);
  expect(conversation.events.map((event) => [event.type, event.actorKind, event.actorId])).toEqual([
    ['conversation_opened', 'traveler', null],
    ['tag_added', 'system', 'rule:lost-luggage'],
    ['handoff_opened', 'system', null],
    ['claimed', 'specialist', 'playground'],
  ]);

  // docs/playground.png (for the README) is written when missing or asked for; otherwise the
  // screenshot still has to work, but the committed picture is left alone.
  const update = !existsSync(screenshotPath) || process.env.BATON_UPDATE_SCREENSHOT === '1';
  const picture = await page.screenshot(update ? { path: screenshotPath } : {});
  expect(picture.subarray(1, 4).toString()).toBe('PNG');
}, 90_000);

async function expectText(locator: ReturnType<Page['getByTestId']>, text: string): Promise<void> {
  await locator.getByText(text).waitFor();
  expect(await locator.textContent()).toContain(text);
}
