// The JS heap of the extension's service worker, read over the DevTools protocol: workers expose no
// performance.memory, and Playwright gives CDP sessions to pages only, so the browser is reached on a debugging port
// and the worker's target is messaged through the browser's session.
import { createServer } from 'node:net';
import { chromium } from '@playwright/test';

/** A free local port for Chromium's --remote-debugging-port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** Used bytes of the service worker's JS heap after a full garbage collection. */
export async function serviceWorkerHeapBytes(debuggingPort: number, extensionId: string): Promise<number> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${debuggingPort}`);
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    if (!worker) throw new Error('the extension has no running service worker');
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string };
    let lastId = 0;
    const call = (method: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const id = ++lastId;
        const onMessage = (event: { sessionId: string; message: string }) => {
          if (event.sessionId !== sessionId) return;
          const answer = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
          if (answer.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          if (answer.error) reject(new Error(`${method}: ${answer.error.message}`));
          else resolve(answer.result ?? {});
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
      });
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    if (typeof usage.usedSize !== 'number') throw new Error('Runtime.getHeapUsage gave no usedSize');
    return usage.usedSize;
  } finally {
    // Disconnects this client only: the browser belongs to the launched context.
    await browser.close();
  }
}
