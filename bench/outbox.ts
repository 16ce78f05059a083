import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { LINK, startServer } from './web.js';

/**
 * `npm run bench -- --only outbox`: how long 200 incidents queued in the web app's outbox take to
 * reach the server over an emulated field link (Chromium, CDP `Network.emulateNetworkConditions`,
 * 256 kbit/s each way, 600 ms latency), on the built app. The records are written into the outbox's
 * IndexedDB in the outbox's own format (sealed under the account's non-extractable key) while the
 * API is cut off; then the link returns (`online`) and the clock runs until the outbox is empty.
 */

const RECORDS = 200;
const EMAIL = 'bench.outbox@minusma.test';
const PASSWORD = 'bench-outbox-password-2020';

export interface OutboxSync {
  link: typeof LINK;
  records: number;
  ms: number;
  perRecordMs: number;
  madeOnServer: number;
}

function incident(n: number) {
  return {
    occurredOn: '2020-07-14',
    occurredTime: '06:30',
    datePrecision: 'day',
    location: { place: 'Ménaka', precision: 'near' },
    eventType: 'violence_against_civilians',
    subEventType: 'attack',
    category: 'attack_on_civilians',
    threatToCivilians: false,
    actors: [
      { actor: 'isgs', role: 'actor1' },
      { actor: 'civilians', role: 'actor2' },
    ],
    casualties: { civilians: { killed: { low: 3, best: 4, high: 6 }, injured: { low: 1, best: 2, high: 2 } } },
    sources: [{ type: 'community_network', reference: 'Réseau d’alerte précoce, Ménaka', reliability: 'B', credibility: 2 }],
    title: `Incident saisi hors ligne n° ${n}`,
    description: 'Des hommes armés à moto ont attaqué le hameau ; les blessés ont été évacués vers l’hôpital de Ménaka.',
    tags: ['élevage', 'moto'],
    unit: 'FORCE',
    classification: 'internal',
  };
}

export async function outboxMeasures(log: (line: string) => void): Promise<OutboxSync> {
  const dir = mkdtempSync(join(tmpdir(), 'mandat-bench-outbox-'));
  const server = await startServer(dir, async (ctx, createUser) => {
    await createUser(
      ctx,
      { id: null, label: 'bench' },
      {
        email: EMAIL,
        name: 'Banc d’essai',
        locale: 'fr',
        admin: false,
        auditor: false,
        memberships: [{ unit: 'FORCE', role: 'officer' }],
        password: PASSWORD,
      },
    );
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(`${server.url}/login`);
    await page.locator('input[type="email"]').fill(EMAIL);
    await page.locator('input[type="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.locator('.outbox-status a').waitFor();
    const account = await page.evaluate(async () => ((await (await fetch('/api/auth/me')).json()) as { id: string }).id);

    await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
    const inputs = Array.from({ length: RECORDS }, (_, i) => incident(i + 1));
    await page.evaluate(
      async ({ account, inputs }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('mandat-outbox');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const request = <T>(r: IDBRequest<T>) =>
          new Promise<T>((resolve, reject) => {
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
        let key = (await request(db.transaction('keys').objectStore('keys').get(account)))?.key as CryptoKey | undefined;
        if (!key) {
          key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
          await request(db.transaction('keys', 'readwrite').objectStore('keys').put({ account, key }));
        }
        const start = Date.now();
        const rows = [];
        for (const [i, input] of inputs.entries()) {
          const iv = crypto.getRandomValues(new Uint8Array(12));
          const content = JSON.stringify({ payload: { input, draft: {} }, summary: input.title, problem: null });
          const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(content));
          const enteredAt = new Date(start + i).toISOString();
          rows.push({
            key: crypto.randomUUID(),
            account,
            kind: 'incident',
            enteredAt,
            state: 'waiting',
            attempts: 0,
            nextAttemptAt: enteredAt,
            sendingSince: null,
            sealed: { iv, data },
          });
        }
        const store = db.transaction('records', 'readwrite').objectStore('records');
        await Promise.all(rows.map((row) => request(store.put(row))));
        db.close();
      },
      { account, inputs },
    );

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LINK.latencyMs,
      downloadThroughput: (LINK.kbitPerSecond * 1000) / 8,
      uploadThroughput: (LINK.kbitPerSecond * 1000) / 8,
    });
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    const waiting = () =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('mandat-outbox');
            open.onsuccess = () => {
              const count = open.result.transaction('records').objectStore('records').count();
              count.onsuccess = () => {
                open.result.close();
                resolve(count.result);
              };
            };
          }),
      );
    const start = performance.now();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    while ((await waiting()) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    const ms = performance.now() - start;
    const madeOnServer = await server.count();
    await context.close();
    const result = { link: LINK, records: RECORDS, ms, perRecordMs: ms / RECORDS, madeOnServer };
    log(
      `\nOutbox synchronisation over a field link (Chromium, ${LINK.kbitPerSecond} kbit/s each way, ${LINK.latencyMs} ms latency; built app, loopback)`,
    );
    log(
      `  ${RECORDS} incidents queued: all sent in ${(ms / 1000).toFixed(1)} s (${(result.perRecordMs / 1000).toFixed(2)} s a record); made on the server: ${madeOnServer}`,
    );
    return result;
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
