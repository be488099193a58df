// End-to-end test of the dashboard in headless Chromium against the real WAR on Payara Micro.
//
// Expects `mvn -B package -DskipTests` done (target/livekit-dashboard.war, target/payara-micro.jar)
// and playwright-core in src/main/frontend/node_modules (a devDependency there). Run it through
// src/test/e2e/run.sh, which installs Debian's chromium when /usr/bin/chromium is missing.
//
// It starts the dashboard with server-config/run-dashboard.sh on a free port, signs webhooks as a
// LiveKit server does, and checks what a person sees: the login form (a wrong password refused,
// then signed in as the administrator); LIVE; an event in the live feed and a new
// room in the room list without a reload; a participant in the room view; ten tabs of one
// browser all receiving an event; DISCONNECTED when the server dies and LIVE again once it is
// back, with the events sent meanwhile on screen; webhook -> on-screen latency; and that the page
// works under its Content-Security-Policy: any violation reported by Chromium fails the run.
// Screenshots and server logs go to target/e2e/<transport>/. Exit code 0 only if every check passed.
//
// Environment: CHROMIUM (default /usr/bin/chromium), E2E_MAX_P95_MS (default 1000: fail above;
// the goal is 100), E2E_READY_TIMEOUT_S (default 300), DASHBOARD_SSE_TRANSPORT (jaxrs, the
// default, or servlet: passed on to the server).

import { spawn } from 'node:child_process';
import { createHmac, createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// one folder per stream transport (DASHBOARD_SSE_TRANSPORT, as the server reads it)
const TRANSPORT = process.env.DASHBOARD_SSE_TRANSPORT ?? 'jaxrs';
const OUT = join(ROOT, 'target/e2e', TRANSPORT);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const KEY = 'e2e-key';
const SECRET = 'e2e-secret-that-is-long-enough-for-hs256-0123456789';
const ADMIN_USERNAME = 'admin';
const ADMIN_PASSWORD = 'e2e-admin-password-0123456789';
const MAX_P95_MS = Number(process.env.E2E_MAX_P95_MS ?? 1000);
const GOAL_P95_MS = 100;
const READY_TIMEOUT_MS = Number(process.env.E2E_READY_TIMEOUT_S ?? 300) * 1000;
const RUN = Date.now().toString(36);
// the machine notes' flags: without the background-networking ones Chromium keeps dialling out
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows'];

const { chromium } = await import(pathToFileURL(join(ROOT, 'src/main/frontend/node_modules/playwright-core/index.mjs')).href);

// ---- bookkeeping --------------------------------------------------------------------------

const results = { passed: 0, failed: 0 };
const log = (...args) => console.log(`[e2e ${new Date().toISOString().slice(11, 23)}]`, ...args);

async function check(name, body) {
  const started = Date.now();
  try {
    const note = await body();
    results.passed++;
    log(`ok - ${name} (${Date.now() - started} ms)${note ? `: ${note}` : ''}`);
    return true;
  } catch (error) {
    results.failed++;
    log(`not ok - ${name} (${Date.now() - started} ms): ${error?.stack ?? error}`);
    await screenshotAll(`failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
    return false;
  }
}

// ---- the server ---------------------------------------------------------------------------

let server = null;
let serverStarts = 0;
const dataDir = mkdtempSync(join(tmpdir(), 'lkdash-e2e-data-'));
const port = await freePort();
const base = `http://localhost:${port}`;

function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => ok(free));
    });
  });
}

async function startServer() {
  serverStarts++;
  const logFile = join(OUT, `server-${serverStarts}.log`);
  const out = openSync(logFile, 'w');
  const child = spawn('bash', [join(ROOT, 'server-config/run-dashboard.sh')], {
    cwd: ROOT,
    detached: true, // its own process group, killed whole
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      PORT: String(port),
      LIVEKIT_API_KEY: KEY,
      LIVEKIT_API_SECRET: SECRET,
      DASHBOARD_DATA_DIR: dataDir,
      DASHBOARD_AUTH_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DASHBOARD_SSE_HEARTBEAT_SECONDS: '2',
      JAVA_OPTS: process.env.E2E_JAVA_OPTS ?? '-Xms256m -Xmx1g -XX:+UseG1GC',
    },
  });
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  server = { child, exited, logFile };
  const started = Date.now();
  while (Date.now() - started < READY_TIMEOUT_MS) {
    const gone = await Promise.race([exited, sleep(1000, null)]);
    if (gone) throw new Error(`the server exited (${JSON.stringify(gone)}) before it was ready; see ${logFile}`);
    try {
      const answer = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(5000) });
      if (answer.status === 200) {
        log(`server (${TRANSPORT} stream) ready on port ${port} after ${Date.now() - started} ms (log ${logFile})`);
        return;
      }
    } catch {
      // not listening yet
    }
  }
  throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`);
}

async function killServer() {
  if (!server) return;
  const { child, exited } = server;
  server = null;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  await Promise.race([exited, sleep(15_000)]);
}

// ---- webhooks, signed as a LiveKit server signs them --------------------------------------

const b64url = (data) => Buffer.from(data).toString('base64url');

function authorization(body) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = b64url(JSON.stringify({
    iss: KEY, nbf: now, iat: now, exp: now + 300,
    sha256: createHash('sha256').update(body).digest('base64'),
  }));
  const signature = createHmac('sha256', SECRET).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}

let eventCounter = 0;
const eventId = () => `EV_e2e${RUN}${(++eventCounter).toString().padStart(5, '0')}`;

function roomObject(name, numParticipants = 0) {
  const created = Math.floor(Date.now() / 1000);
  return { sid: `RM_${name.replace(/[^A-Za-z0-9]/g, '').slice(-12)}`, name, emptyTimeout: 300,
    maxParticipants: 20, creationTime: String(created), metadata: '{"source":"e2e"}', numParticipants };
}

function roomStarted(name) {
  return { event: 'room_started', room: roomObject(name), id: eventId(), createdAt: String(Math.floor(Date.now() / 1000)) };
}

function participantJoined(room, identity) {
  const now = String(Math.floor(Date.now() / 1000));
  return { event: 'participant_joined', room: roomObject(room, 1),
    participant: { sid: `PA_${identity.replace(/[^A-Za-z0-9]/g, '').slice(-12)}`, identity, state: 'ACTIVE', joinedAt: now, name: identity },
    id: eventId(), createdAt: now };
}

async function sendWebhook(event) {
  const body = JSON.stringify(event);
  const answer = await fetch(`${base}/api/webhooks/livekit`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/webhook+json', Authorization: authorization(body) },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await answer.text();
  if (answer.status !== 200) throw new Error(`webhook ${event.event} answered ${answer.status} ${text}`);
  return JSON.parse(text);
}

// ---- the browser --------------------------------------------------------------------------

let context = null;
const profileDir = mkdtempSync(join(tmpdir(), 'lkdash-e2e-chromium-'));

async function screenshotAll(name) {
  if (!context) return;
  const pages = context.pages();
  for (let i = 0; i < pages.length; i++) {
    if (pages.length > 1 && i > 0 && !name.startsWith('failed')) break; // the first tab tells enough
    await pages[i].screenshot({ path: join(OUT, `${name}${pages.length > 1 ? `-tab${i + 1}` : ''}.png`), fullPage: true, timeout: 15_000 });
  }
}

const indicator = (page) => page.locator('[data-testid="live-indicator"]');
const feedItem = (page, text) => page.locator('[data-testid="feed-item"]', { hasText: text });

async function waitForState(page, states, timeout) {
  const wanted = [].concat(states);
  await page.waitForFunction((want) => {
    const el = document.querySelector('[data-testid="live-indicator"]');
    return el && want.includes(el.getAttribute('data-state'));
  }, wanted, { timeout, polling: 100 });
  return indicator(page).getAttribute('data-state');
}

async function openDashboard(page) {
  await page.goto(`${base}/`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await waitForState(page, 'live', 60_000);
}

function percentile(sorted, p) {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

// ---- the checks ---------------------------------------------------------------------------

const cspViolations = [];
function watchCsp(tab) {
  tab.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|CSP violation/i.test(text)) {
      cspViolations.push(text);
      log(`CSP violation: ${text}`);
    }
  });
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  for (const file of ['target/livekit-dashboard.war', 'target/payara-micro.jar']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`missing ${file}: run 'mvn -B package -DskipTests' first`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`missing ${CHROMIUM}: run src/test/e2e/run.sh (installs Debian's chromium)`);

  await startServer();
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  context.setDefaultTimeout(30_000);
  // every violation of the page's Content-Security-Policy, from the DOM event (an init script runs
  // outside the policy) and from Chromium's console report, on every tab
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  context.on('page', watchCsp);
  const page = context.pages()[0] ?? (await context.newPage());
  watchCsp(page);
  page.on('pageerror', (error) => log(`page error: ${error.message}`));

  await check('the page is served with a Content-Security-Policy without inline scripts', async () => {
    const answer = await page.goto(`${base}/`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const policy = answer.headers()['content-security-policy'] ?? '';
    if (!policy.includes("frame-ancestors 'none'") || !policy.includes("script-src 'self'") || policy.includes('unsafe-inline')) {
      throw new Error(`Content-Security-Policy: '${policy}'`);
    }
    if (answer.headers()['x-content-type-options'] !== 'nosniff') throw new Error('no X-Content-Type-Options: nosniff');
    if (!/charset=utf-8/i.test(answer.headers()['content-type'] ?? '')) {
      throw new Error(`Content-Type: ${answer.headers()['content-type']}`);
    }
    return policy;
  });

  await check('the page asks to sign in and signs in through its form', async () => {
    await page.goto(`${base}/`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.getByLabel('User name').fill(ADMIN_USERNAME);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong user name or password.' }).waitFor({ state: 'visible' });
    await page.screenshot({ path: join(OUT, '00-login.png'), fullPage: true });
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForState(page, 'live', 60_000);
  });

  await check('the page shows LIVE', async () => {
    await openDashboard(page);
    await screenshotAll('01-live');
  });

  const firstRoom = `e2e-${RUN}-first`;
  await check('a signed webhook appears in the live feed without a reload', async () => {
    const sent = Date.now();
    await sendWebhook(roomStarted(firstRoom));
    await feedItem(page, firstRoom).first().waitFor({ state: 'visible', timeout: 30_000 });
    await screenshotAll('02-feed');
    return `visible after ${Date.now() - sent} ms`;
  });

  await check('a room_started makes the room appear in the room list without a reload', async () => {
      const room = `e2e-${RUN}-listed`;
      await sendWebhook(roomStarted(room));
      await page.locator(`[data-testid="room-row"][data-room="${room}"]`).waitFor({ state: 'visible', timeout: 30_000 });
      await screenshotAll('03-room-list');
  });
  await check('a participant_joined shows in the room view', async () => {
      const room = `e2e-${RUN}-listed`;
      await page.goto(`${base}/rooms/${encodeURIComponent(room)}`, { waitUntil: 'domcontentloaded' });
      await waitForState(page, 'live', 60_000);
      const identity = `e2e-${RUN}-alice`;
      await sendWebhook(participantJoined(room, identity));
      await page.locator(`[data-testid="participant-row"][data-identity="${identity}"]`).waitFor({ state: 'visible', timeout: 30_000 });
      await screenshotAll('04-room-detail');
      await page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
      await waitForState(page, 'live', 60_000);
  });

  await check('ten tabs of one browser all receive an event', async () => {
    const tabs = [page];
    for (let i = 1; i < 10; i++) {
      const tab = await context.newPage();
      tab.on('pageerror', (error) => log(`tab ${i + 1} page error: ${error.message}`));
      await tab.goto(`${base}/`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      tabs.push(tab);
    }
    await Promise.all(tabs.map((tab) => waitForState(tab, 'live', 90_000)));
    const room = `e2e-${RUN}-tabs`;
    const sent = Date.now();
    await sendWebhook(roomStarted(room));
    const seen = await Promise.all(tabs.map(async (tab) => {
      await feedItem(tab, room).first().waitFor({ state: 'visible', timeout: 30_000 });
      return Date.now() - sent;
    }));
    await tabs[9].screenshot({ path: join(OUT, '05-tab10.png'), fullPage: true });
    const streams = await fetch(`${base}/metrics?scope=application`).then((r) => r.text())
      .then((text) => text.match(/^dashboard_sse_connections\S*\s+(\d+(\.\d+)?)/m)?.[1] ?? '?').catch(() => '?');
    for (const tab of tabs.slice(1)) await tab.close();
    return `all 10 within ${Math.max(...seen)} ms; open streams on the server: ${streams}`;
  });

  let latencies = null;
  await check('webhook -> visible on screen latency over 20 events', async () => {
    await page.evaluate(() => {
      const probe = { dom: {}, frame: {}, sse: {} };
      window.__e2eLatency = probe;
      const marker = /e2e-\w+-lat-\d+/;
      const scan = () => {
        for (const el of document.querySelectorAll('[data-testid="feed-item"]')) {
          const key = el.textContent.match(marker)?.[0];
          if (key && !(key in probe.dom)) {
            probe.dom[key] = Date.now();
            requestAnimationFrame(() => { probe.frame[key] = Date.now(); });
          }
        }
      };
      new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true });
      // a raw stream beside the app's, to tell the server's share from the page's
      const raw = new EventSource('/api/events');
      raw.onmessage = (e) => {
        const key = String(e.data).match(marker)?.[0];
        if (key && !(key in probe.sse)) probe.sse[key] = Date.now();
      };
      window.__e2eRaw = raw;
    });
    await sleep(1000);
    const rows = [];
    for (let i = 1; i <= 20; i++) {
      const key = `e2e-${RUN}-lat-${i}`;
      const sent = Date.now();
      await sendWebhook(roomStarted(key));
      await page.waitForFunction((k) => k in window.__e2eLatency.frame, key, { timeout: 30_000, polling: 50 });
      const probe = await page.evaluate((k) => ({ dom: window.__e2eLatency.dom[k], frame: window.__e2eLatency.frame[k], sse: window.__e2eLatency.sse[k] }), key);
      rows.push({ screen: probe.frame - sent, dom: probe.dom - sent, sse: probe.sse ? probe.sse - sent : NaN });
      await sleep(150 + Math.random() * 250);
    }
    await page.evaluate(() => window.__e2eRaw?.close());
    const summary = (values) => {
      const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) };
    };
    latencies = { screen: summary(rows.map((r) => r.screen)), dom: summary(rows.map((r) => r.dom)), sse: summary(rows.map((r) => r.sse)) };
    await screenshotAll('06-latency');
    if (latencies.screen.p95 > MAX_P95_MS) throw new Error(`p95 ${latencies.screen.p95} ms is above the ${MAX_P95_MS} ms limit`);
    return JSON.stringify(latencies);
  });

  await check('killing the server shows DISCONNECTED', async () => {
    const seen = [await indicator(page).getAttribute('data-state')];
    const watcher = setInterval(async () => {
      const state = await indicator(page).getAttribute('data-state').catch(() => null);
      if (state && seen.at(-1) !== state) seen.push(state);
    }, 100);
    try {
      await killServer();
      await waitForState(page, ['disconnected', 'error'], 60_000);
      await sleep(300);
    } finally {
      clearInterval(watcher);
    }
    await screenshotAll('07-disconnected');
    // the page keeps retrying, so it may already show its next attempt (connecting) again
    const final = await indicator(page).getAttribute('data-state');
    if (!seen.includes('disconnected') && final !== 'disconnected') {
      throw new Error(`expected disconnected, saw ${seen.join(' -> ')} -> ${final}`);
    }
    return `states seen: ${seen.join(' -> ')}`;
  });

  await check('after a restart the page is LIVE again and shows the events sent since', async () => {
    await startServer();
    let note = '';
    // an event accepted before the page has reconnected reaches it too (resumed after its last id)
    const earlyRoom = `e2e-${RUN}-early`;
    const stateAtReady = await indicator(page).getAttribute('data-state');
    if (stateAtReady !== 'live') await sendWebhook(roomStarted(earlyRoom));
    const deadline = Date.now() + 240_000;
    let state;
    while (Date.now() < deadline) {
      state = await waitForState(page, ['live', 'error'], Math.max(1000, deadline - Date.now()));
      if (state === 'live') break;
      note += 'went to ERROR (reconnect attempts used up) and was reconnected with its button; ';
      await page.getByRole('button', { name: 'Reconnect' }).click();
      await waitForState(page, ['connecting', 'live', 'disconnected'], 10_000);
    }
    if (state !== 'live') throw new Error(`not LIVE again within 240 s (state ${state})`);
    const rooms = [`e2e-${RUN}-after-1`, `e2e-${RUN}-after-2`, `e2e-${RUN}-after-3`];
    for (const room of rooms) await sendWebhook(roomStarted(room));
    for (const room of rooms) await feedItem(page, room).first().waitFor({ state: 'visible', timeout: 30_000 });
    await screenshotAll('08-live-again');
    if (stateAtReady !== 'live') {
      await feedItem(page, earlyRoom).first().waitFor({ state: 'visible', timeout: 30_000 });
      note += 'an event accepted before the page had reconnected is in the feed';
    }
    return note || undefined;
  });

  return latencies;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping the server and the browser`);
    if (server) try { process.kill(-server.child.pid, 'SIGKILL'); } catch { /* gone */ }
    context?.close().catch(() => {}).finally(() => process.exit(1));
    setTimeout(() => process.exit(1), 5000).unref();
  });
}

let exitCode = 1;
let latencies = null;
try {
  latencies = await main();
  await check('no Content-Security-Policy violation on any tab during the run', async () => {
    if (cspViolations.length > 0) throw new Error(`${cspViolations.length} violation(s): ${cspViolations.slice(0, 5).join(' | ')}`);
  });
  exitCode = results.failed === 0 ? 0 : 1;
} catch (error) {
  results.failed++;
  log(`not ok - setup: ${error?.stack ?? error}`);
} finally {
  await context?.close().catch(() => {});
  await killServer();
  rmSync(profileDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
if (latencies) {
  const { screen, dom, sse } = latencies;
  log(`latency webhook -> on screen over 20 events: p50 ${screen.p50} ms, p95 ${screen.p95} ms, max ${screen.max} ms `
    + `(goal p95 < ${GOAL_P95_MS} ms: ${screen.p95 < GOAL_P95_MS ? 'met' : 'NOT met'}); `
    + `in the DOM p50 ${dom.p50}/p95 ${dom.p95} ms; on the raw stream p50 ${sse.p50}/p95 ${sse.p95} ms`);
}
log(`screenshots and server logs in ${OUT}`);
console.log(`e2e: ${results.passed} passed, ${results.failed} failed`);
process.exit(exitCode);
