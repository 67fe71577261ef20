import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import { actAsClient, signInOverApi, signInThroughForm } from './browser';

/** A small JPEG made in the test (no fixture file). */
export function makeJpeg(colour = '#3366aa'): Promise<Buffer> {
  return sharp({ create: { width: 96, height: 64, channels: 3, background: colour } }).jpeg().toBuffer();
}

/** A JPEG as Playwright's `setInputFiles` takes it. */
export async function jpegFile(name: string, colour?: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  return { name, mimeType: 'image/jpeg', buffer: await makeJpeg(colour) };
}

/** Lets pages of `origin` read the device location, and puts the device at `at` (±`accuracy` m). */
export async function placeDevice(context: BrowserContext, origin: string, at: { lon: number; lat: number }, accuracy = 12): Promise<void> {
  await context.grantPermissions(['geolocation'], { origin });
  await context.setGeolocation({ longitude: at.lon, latitude: at.lat, accuracy });
}

/** Signs in through the login page as a demo account (from its own client address), landing on `then`. */
export async function signInAs(page: Page, baseUrl: string, username: string, client: number, then = '/cases'): Promise<void> {
  await actAsClient(page, client);
  await page.goto(`${baseUrl}/login?redirect=${encodeURIComponent(then)}`);
  await signInThroughForm(page, username, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === then.split('?')[0], { timeout: 15_000 });
}

/** An API client signed in as a demo account, for checks behind the UI's back. */
export async function apiAs(baseUrl: string, username: string, client: number) {
  const cookie = await signInOverApi(baseUrl, username, DEMO_PASSWORD, client);
  const headers = { Cookie: cookie, Origin: baseUrl };
  return {
    async get<T>(path: string): Promise<T> {
      const res = await fetch(`${baseUrl}${path}`, { headers });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async post(path: string, body: unknown): Promise<Response> {
      return fetch(`${baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    },
    async postForm(path: string, form: FormData): Promise<Response> {
      return fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: form });
    },
  };
}

/** Fills the filing form's category (by search), description and photos; the location comes from the device. */
export async function fillCaseForm(page: Page, input: { category: string; search: string; description: string; photos?: { name: string; mimeType: string; buffer: Buffer }[] }): Promise<void> {
  await page.locator('[data-testid="place"] [data-field="community"]').filter({ hasNotText: '正在查询' }).waitFor({ timeout: 20_000 });
  await page.getByLabel('搜索类别').fill(input.search);
  await page.locator(`button[data-code="${input.category}"]`).click();
  await page.locator('[data-testid="category-chosen"]').waitFor();
  await page.getByLabel('问题描述').fill(input.description);
  if (input.photos?.length) await page.locator('#case-photos').setInputFiles(input.photos);
}

/**
 * Console errors a test may ignore: requests that fail because the test took the network away. A request the service
 * worker handles while offline fails as `net::ERR_FAILED` (the worker's own fetch failed), not as DISCONNECTED: the worker
 * registers after the map's first draw, so it may take over the page just before the network goes.
 */
export const offlineNoise = (e: string) => /ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|Failed to fetch|Failed to load resource: net::ERR_FAILED/.test(e);
