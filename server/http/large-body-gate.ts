import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../../app/services.js';
import { BODY_LIMITS, LARGE_BODY_ROUTES } from './body-limit.js';
import { HttpError } from './http-error.js';

/** Whether this request holds a link of `role` for assembly `assemblyId` (its cookie or Bearer token). */
export type RoleCheck = (req: Request, assemblyId: string, role: Role) => Promise<boolean>;

/**
 * The minutes editor's 5 MiB is for that assembly's facilitators only, the minutes translation's
 * for its interpreters ([W8], [P44]). The body is read whole before any role guard runs, so
 * without this anyone (no link, a phone, a facilitator of another assembly) could make the server hold 5 MiB per request, hundreds at once. Anyone else
 * gets the 64 KiB of any form: a small post still reaches the route and its own 401 or 403, a
 * large one is 413 before it is read. Sets `res.locals.bodyLimit` for the Remix handler.
 */
export function largeBodyGate(holdsRole: RoleCheck) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const route = LARGE_BODY_ROUTES.find((r) => r.path.test(req.path));
    if (!route) return next();
    const assemblyId = route.path.exec(req.path)?.[1] ?? '';
    holdsRole(req, assemblyId, route.role).then(
      (ok) => {
        if (ok) return next();
        res.locals.bodyLimit = BODY_LIMITS.form;
        const length = req.headers['content-length'];
        if (length !== undefined && Number(length) > BODY_LIMITS.form) {
          return next(new HttpError(413, `the body is larger than this address takes (${BODY_LIMITS.form} bytes)`, undefined, { Connection: 'close' }));
        }
        next();
      },
      (err: unknown) => next(err),
    );
  };
}
