import type { Request, Response, NextFunction } from 'express';

/** Headers every response carries ([X2]); the page CSP with per-request nonces comes from Remix's entry. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Referrer-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  });
  next();
}
