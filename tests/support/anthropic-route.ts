import type { BrowserContext } from '@playwright/test';
import type { FakeAnthropic } from './fake-anthropic';

/**
 * Sends the extension's calls to https://api.anthropic.com to the local fake, unchanged:
 * the service worker keeps its real base URL and host permission, and the SDK's real requests
 * (headers, body, streaming format) reach the fake over HTTP.
 */
export async function routeAnthropicToFake(context: BrowserContext, fake: FakeAnthropic): Promise<void> {
  await context.route('https://api.anthropic.com/**', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const headers = { ...request.headers() };
    delete headers['host'];
    const response = await fetch(`${fake.url}${url.pathname}${url.search}`, {
      method: request.method(),
      headers,
      body: request.method() === 'GET' ? undefined : (request.postData() ?? undefined),
    });
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(key)) responseHeaders[key] = value;
    });
    await route.fulfill({ status: response.status, headers: responseHeaders, body: Buffer.from(await response.arrayBuffer()) });
  });
}
