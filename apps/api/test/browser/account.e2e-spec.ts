import type { Browser } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { eventually, launchChromium, signIn, startBrowserApp } from '../support/browser';
import { HttpClient, newUser, newWorkspace, PASSWORD } from '../support/http-client';
import type { TestApp } from '../support/test-app';

describe('account pages in the browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('signing up with an address that has an account suggests signing in instead', async () => {
    const owner = await newUser(app, 'Owner');
    const page = await browser.newPage();
    await page.goto(`${app.url}/register`);
    await page.getByLabel('Display name').fill('Someone');
    await page.getByLabel('Email').fill(owner.user!.email);
    await page.getByLabel('Password', { exact: true }).fill('not the owner’s password');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('alert').getByText('If you already have an account with this address, sign in instead.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/register');
    await page.close();
  });

  it('changing the password says which sessions and tokens it ended', async () => {
    const person = await newUser(app, 'Rotator');
    await person.post('/api/tokens', { name: 'script' });
    await new HttpClient(app.url).post('/api/auth/login', { email: person.user!.email, password: PASSWORD });

    const page = await browser.newPage();
    await signIn(page, app.url, person.user!.email, '/settings');
    await page.waitForURL(/\/settings$/);
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password').fill('a new long password');
    await page.getByRole('button', { name: 'Change password' }).click();

    await page.getByText('Signed out 2 other sessions and revoked 1 API token.').waitFor();
    await page.getByText('You have no API tokens.').waitFor();
    await page.close();
  });

  it('the workspace switcher lists only while open, moves between workspaces and starts a new one', async () => {
    const person = await newUser(app, 'Switcher');
    const [first, second] = [await newWorkspace(person, 'Alpha desk'), await newWorkspace(person, 'Beta desk')];
    // axe needs a page of its own context.
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, person.user!.email, `/w/${first}`);
    const switcher = page.getByRole('combobox', { name: 'Workspace' });
    await eventually(() => switcher.inputValue(), (value) => value === 'Alpha desk', 'the switcher to name Alpha desk');
    // A closed list is not in the page (it would be laid out with every page load).
    expect(await page.getByRole('option', { name: 'Beta desk', includeHidden: true }).count()).toBe(0);

    await switcher.click();
    await page.getByRole('option', { name: 'Beta desk' }).waitFor();
    await expectAccessible(page, 'workspace switcher, open');
    await page.getByRole('option', { name: 'Beta desk' }).click();
    await page.waitForURL(new RegExp(`/w/${second}$`));
    // The field follows the page it switched to.
    await eventually(() => switcher.inputValue(), (value) => value === 'Beta desk', 'the switcher to name Beta desk');

    await switcher.click();
    await page.getByRole('option', { name: 'New workspace…' }).click();
    await page.getByRole('dialog', { name: 'New workspace' }).waitFor();
    await context.close();
  });
});
