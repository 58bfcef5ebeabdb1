/**
 * Probes for a load balancer ([SO34]): `/healthz` says the process answers; `/readyz` says it can
 * serve, i.e. the store answers a trivial query and Redis (when configured) answers PING. Cheap,
 * open to anyone, and they say nothing about any assembly.
 */
import { Router } from 'express';

/** A probe slower than this counts as a failure: a balancer must not wait on a hung database. */
const PROBE_TIMEOUT_MS = 2000;

async function within(probe: () => Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface HealthChecks {
  /** Resolves when the store answers; rejects otherwise. */
  store: () => Promise<void>;
  /** Whether Redis answers; absent on a node without REDIS_URL. */
  redis?: () => Promise<boolean>;
}

export function healthRoutes(checks: HealthChecks): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('cache-control', 'no-store').type('text/plain').send('ok\n');
  });
  router.get('/readyz', async (_req, res) => {
    const [store, redis] = await Promise.all([within(() => checks.store().then(() => true)), checks.redis ? within(checks.redis) : Promise.resolve(null)]);
    const ready = store && redis !== false;
    res
      .status(ready ? 200 : 503)
      .set('cache-control', 'no-store')
      .json({ ready, store, ...(redis === null ? {} : { redis }) });
  });
  return router;
}
