// A user signing in on an authorization server's own login page, in headless Chromium driven by Playwright:
// open the authorization URL, fill the username and password fields, submit, approve a consent page if one
// appears, and capture the redirect back to the client's redirect URI (answered here, inside the browser,
// so nothing needs to listen on it). Works with any login page that has username/password fields: the
// selectors are parameters (the defaults are Keycloak's).
//
// As a module: import { browserLogin } from './browser-login.mjs' (ts-sdk-oauth-client.mjs does).
// As a program:
//   node browser-login.mjs --authorization-url <url> --redirect-uri <uri> --username <u> --password <p>
//        [--selectors '<json>'] [--screenshot-dir <dir>] [--screenshot-prefix <name>] [--timeout-ms <ms>]
// prints one JSON document: {callbackUrl, code, state, iss, error, consented, screenshots, loginPageUrl}.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** Keycloak's login and consent pages; another server passes its own. */
export const DEFAULT_SELECTORS = {
  username: '#username',
  password: '#password',
  submit: '#kc-login',
  // Optional: a consent page's approve button. Empty: no consent step is expected.
  consent: 'input[name="accept"], button[name="accept"]',
};

/** The browser: $CHROMIUM, else the first chromium / chromium-browser / google-chrome on the PATH. */
export function chromiumExecutable() {
  if (process.env.CHROMIUM) {
    return process.env.CHROMIUM;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  throw new Error('No Chromium on the PATH (apt-get install -y chromium), and $CHROMIUM is not set');
}

/**
 * Signs in and returns where the authorization server sent the browser back.
 *
 * @param {object} options
 * @param {string} options.authorizationUrl the full authorization request URL
 * @param {string} options.redirectUri the client's redirect URI; the first navigation to it ends the login
 * @param {string} options.username
 * @param {string} options.password
 * @param {object} [options.selectors] overrides of DEFAULT_SELECTORS
 * @param {string} [options.screenshotDir] where to save PNGs of the login (and consent) page
 * @param {string} [options.screenshotPrefix] file name prefix of those PNGs
 * @param {number} [options.timeoutMs] per step
 * @param {(line: string) => void} [options.log] progress lines (stderr by default)
 */
export async function browserLogin({
  authorizationUrl,
  redirectUri,
  username,
  password,
  selectors = {},
  screenshotDir,
  screenshotPrefix = 'login',
  timeoutMs = 30000,
  log = (line) => process.stderr.write(`[browser-login ${new Date().toISOString().slice(11, 23)}] ${line}\n`),
}) {
  const sel = { ...DEFAULT_SELECTORS, ...selectors };
  const screenshots = [];
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    headless: true,
    timeout: timeoutMs,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext();
    context.setDefaultTimeout(timeoutMs);
    const page = await context.newPage();
    let resolveCallback;
    const callback = new Promise((res) => { resolveCallback = res; });
    // The redirect back to the client: capture it and answer it here, whether or not anything listens.
    await context.route((url) => url.href.startsWith(redirectUri), async (route) => {
      resolveCallback(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Signed in. You may close this window.</p>' });
    });
    const shoot = async (name) => {
      if (!screenshotDir) {
        return;
      }
      mkdirSync(screenshotDir, { recursive: true });
      const file = resolve(screenshotDir, `${screenshotPrefix}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      screenshots.push(file);
    };
    const describePage = async () => {
      let text = '';
      try {
        text = (await page.locator('body').innerText({ timeout: 2000 })).replace(/\s+/g, ' ').slice(0, 600);
      } catch {
        // no body yet
      }
      return `page ${page.url()} (title "${await page.title().catch(() => '')}"): ${text}`;
    };
    // Resolves with the first of: the callback, or the selector becoming visible; never rejects.
    const callbackOr = (selector) => Promise.race([
      callback.then((url) => ({ url })),
      selector
        ? page.waitForSelector(selector, { state: 'visible', timeout: timeoutMs }).then(() => ({ selector }), () => new Promise(() => {}))
        : new Promise(() => {}),
      // unref: a timer still pending after the login must not keep the process alive.
      new Promise((res) => setTimeout(() => res({ timeout: true }), timeoutMs).unref()),
    ]);

    log(`opening ${authorizationUrl}`);
    const response = await page.goto(authorizationUrl, { waitUntil: 'domcontentloaded' });
    const loginPageUrl = page.url();
    let step = await callbackOr(sel.username);
    if (step.timeout) {
      await shoot('unexpected');
      throw new Error(`No login form (${sel.username}) within ${timeoutMs} ms; HTTP ${response?.status()}; ${await describePage()}`);
    }
    let consented = false;
    if (!step.url) {
      await shoot('page');
      log(`login page ${page.url()} ("${await page.title()}")`);
      await page.fill(sel.username, username);
      await page.fill(sel.password, password);
      await page.click(sel.submit);
      step = await callbackOr(sel.consent);
      if (step.selector) {
        await shoot('consent');
        log(`consent page ${page.url()}: approving`);
        await page.click(sel.consent);
        consented = true;
        step = await callbackOr(null);
      }
      if (!step.url) {
        await shoot('stuck');
        throw new Error(`The login did not return to ${redirectUri} within ${timeoutMs} ms; ${await describePage()}`);
      }
    }
    const url = new URL(step.url);
    log(`returned to ${url.origin}${url.pathname}`);
    return {
      callbackUrl: step.url,
      code: url.searchParams.get('code'),
      state: url.searchParams.get('state'),
      iss: url.searchParams.get('iss'),
      error: url.searchParams.get('error'),
      errorDescription: url.searchParams.get('error_description'),
      consented,
      screenshots,
      loginPageUrl,
    };
  } finally {
    await browser.close();
  }
}

/** --name value pairs. */
export function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) {
      throw new Error(`Unexpected argument ${argv[i]}`);
    }
    const name = argv[i].slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    args[name] = argv[++i];
  }
  return args;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = parseArgs(process.argv.slice(2));
  for (const required of ['authorizationUrl', 'redirectUri', 'username', 'password']) {
    if (!args[required]) {
      process.stderr.write(`Missing --${required.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}\n`);
      process.exit(2);
    }
  }
  const result = await browserLogin({
    ...args,
    selectors: args.selectors ? JSON.parse(args.selectors) : {},
    timeoutMs: args.timeoutMs ? Number(args.timeoutMs) : undefined,
  });
  process.stdout.write(JSON.stringify(result) + '\n');
}
