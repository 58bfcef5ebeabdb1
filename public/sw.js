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
    event.respondWith(
      fetch(event.request)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            void caches.open(PAGES).then((c) => c.put(url.pathname, copy));
          }
          return res;
        })
        .catch(async () => (await caches.match(url.pathname, { cacheName: PAGES })) ?? Response.error()),
    );
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
