import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchChromium, signIn, startBrowserApp } from '../support/browser';
import { newMember, newUser, newWorkspace } from '../support/http-client';
import type { TestApp } from '../support/test-app';
import { startReceiver, type Receiver } from '../support/webhook-receiver';

jest.setTimeout(90_000);

describe('integrations in the browser: scoped tokens and webhooks', () => {
  let app: TestApp;
  let browser: Browser;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startBrowserApp({ OUTBOUND_ALLOW_LOOPBACK: 'true', WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_POLL_MS: '100' });
    browser = await launchChromium();
  });
  /** A page in a context of its own: each test signs in afresh. */
  const newPage = async (): Promise<Page> => {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    return context.newPage();
  };
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await receiver?.close();
  });

  it('creates a token for one workspace with chosen scopes and an expiry, and lists them', async () => {
    const person = await newUser(app, 'Integrator');
    await newWorkspace(person, 'Wire desk');
    const page = await newPage();
    await signIn(page, app.url, person.user!.email, '/settings');
    await page.waitForURL(/\/settings$/);
    const form = page.getByRole('form', { name: 'Create an API token' });
    await form.getByLabel('Token name').fill('CMS import');
    await form.getByRole('checkbox', { name: /^Write/ }).check();
    await form.getByRole('combobox', { name: 'Workspace' }).click();
    await page.getByRole('option', { name: 'Wire desk' }).click();
    await form.getByRole('combobox', { name: 'Expires' }).click();
    await page.getByRole('option', { name: 'In 30 days' }).click();
    await form.getByRole('button', { name: 'Create token' }).click();
    await page.getByTestId('token-value').waitFor();

    const row = page.getByTestId('tokens-table').getByRole('row', { name: /CMS import/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells.slice(0, 3)).toEqual(['CMS import', 'read, write', 'Wire desk']);
    expect(cells[4]).not.toBe('Never');
    expect(cells[5]).toBe('Never');
    await expectAccessible(page, 'settings with a new token');
    await page.context().close();
  });

  it('adds a webhook endpoint, keeps a refused URL in the form, sends a test event and shows it in the log', async () => {
    const owner = await newUser(app, 'Hook owner');
    const ws = await newWorkspace(owner, 'Hooked desk');
    const page = await newPage();
    await signIn(page, app.url, owner.user!.email, `/w/${ws}/settings/webhooks`);
    await page.waitForURL(/\/settings\/webhooks$/);
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();

    const url = page.getByLabel('Endpoint URL');
    await url.fill('http://169.254.169.254/latest');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText(/169\.254\.169\.254 is not allowed/).first().waitFor();
    expect(await url.inputValue()).toBe('http://169.254.169.254/latest');

    await url.fill(`${receiver.url}/browser`);
    await page.getByLabel('Description').fill('Newsroom CMS');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = await page.getByTestId('webhook-secret').innerText();
    expect(secret).toMatch(/^whsec_/);
    await expectAccessible(page, 'webhooks with a new endpoint');

    await page.getByRole('button', { name: new RegExp(`${receiver.url}/browser`) }).click();
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByTestId('delivery-log').getByText('succeeded').waitFor({ timeout: 20_000 });
    expect(receiver.received('/browser')).toHaveLength(1);
    await expectAccessible(page, 'webhook delivery log');
    await page.context().close();
  });

  it('shows an endpoint whose creator no longer manages webhooks as paused, with why', async () => {
    const owner = await newUser(app, 'Staying owner');
    const ws = await newWorkspace(owner, 'Handover desk');
    const leaving = await newMember(app, owner, ws, 'owner');
    const body = { url: `${receiver.url}/left-behind`, events: ['report.published'] };
    expect((await leaving.post(`/api/workspaces/${ws}/webhooks`, body)).status).toBe(201);
    expect((await owner.post(`/api/workspaces/${ws}/webhooks`, { ...body, url: `${receiver.url}/kept` })).status).toBe(201);
    expect((await owner.patch(`/api/workspaces/${ws}/members/${leaving.user!.id}`, { role: 'editor' })).status).toBe(200);

    const page = await newPage();
    await signIn(page, app.url, owner.user!.email, `/w/${ws}/settings/webhooks`);
    const endpoints = page.getByTestId('webhook-endpoints');
    const paused = endpoints.getByRole('button', { name: new RegExp(`${receiver.url}/left-behind`) });
    await paused.getByText('Paused').waitFor();
    await expect(paused.getByText(/no longer manages this workspace’s webhooks/).isVisible()).resolves.toBe(true);
    const kept = endpoints.getByRole('button', { name: new RegExp(`${receiver.url}/kept`) });
    await kept.waitFor();
    expect(await kept.getByText('Paused').count()).toBe(0);
    await expectAccessible(page, 'webhooks with a paused endpoint');
    await page.context().close();
  });
});
