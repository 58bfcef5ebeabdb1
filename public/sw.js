/*
 * Plenary's service worker: lets a note-taker reload a table's notes page with no connection.
 * Only two things are cached: the notes pages a note-taker has opened (network first, the cached
 * copy when offline) and the build's assets (immutable, cache first). Nothing else is touched.
 */
const PAGES = 'plenary-pages-v1';
const ASSETS = 'plenary-assets-v1';
const NOTES_PAGE = /^\/a\/[A-Za-z0-9_-]+\/breakout\/[A-Za-z0-9_-]+$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (event.request.mode === 'navigate' && NOTES_PAGE.test(url.pathname)) {
    event.respondWith(notesPage(event.request, url));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(event.request, { cacheName: ASSETS }).then(
        (hit) =>
          hit ??
          fetch(event.request).then((res) => {
            if (res.ok) {
              const copy = res.clone();
              void caches.open(ASSETS).then((c) => c.put(event.request, copy));
            }
            return res;
          }),
      ),
    );
  }
});

/** How long a notes page may take on bad wifi before the kept copy is shown instead. */
const PATIENCE_MS = 6000;

async function notesPage(request, url) {
  const kept = () => caches.match(url.pathname, { cacheName: PAGES });
  let res;
  try {
    res = await Promise.race([fetch(request), new Promise((_, reject) => setTimeout(() => reject(new Error('slow')), PATIENCE_MS))]);
  } catch {
    return (await kept()) ?? Response.error();
  }
  if (res.ok) {
    const copy = res.clone();
    void caches.open(PAGES).then((c) => c.put(url.pathname, copy));
    return res;
  }
  if (res.status === 401 || res.status === 403 || res.status === 404) {
    // The link was revoked or the assembly deleted: nothing of it stays on this phone.
    await forget(url.pathname);
    return res;
  }
  // The server is up but failing (e.g. it cannot save right now): the kept copy is more useful.
  return (await kept()) ?? res;
}

/** Drops the kept page and the notes kept in IndexedDB for one table. */
async function forget(pathname) {
  const [, id, , group] = pathname.split('/').filter(Boolean);
  await caches.open(PAGES).then((c) => c.delete(pathname));
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(`plenary:${id}/breakout/${group}`);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

/* The page tells the worker what it loaded before the worker was in control; the worker caches
 * those, then answers so the page can say it is ready to work offline. */
self.addEventListener('message', (event) => {
  const { type, page, assets } = event.data ?? {};
  if (type !== 'keep-offline') return;
  event.waitUntil(
    Promise.all([
      caches.open(PAGES).then(async (c) => {
        const res = await fetch(page, { credentials: 'same-origin', cache: 'no-store' });
        if (res.ok) await c.put(new URL(page).pathname, res);
      }),
      caches.open(ASSETS).then((c) => c.addAll(assets.filter((a) => new URL(a).pathname.startsWith('/assets/')))),
    ])
      .then(() => event.ports[0]?.postMessage({ ok: true }))
      .catch((err) => event.ports[0]?.postMessage({ ok: false, error: String(err) })),
  );
});
