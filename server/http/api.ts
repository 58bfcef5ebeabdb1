import express, { type Request, type Response, type NextFunction, type Router } from 'express';
import { z } from 'zod';
import type { AccessService, Session } from '../access/access-service.js';
import { rolePath } from '../access/access-service.js';
import { ID_PATTERN } from '../sync/doc-name.js';
import type { Logger } from '../logger.js';
import { LastFacilitatorLinkError, ROLES } from '../../app/services.js';
import { hasVisibleText } from '../../app/model/visible-text.js';
import { LANGUAGE_TAG } from '../../app/model/translations.js';
import { joinUrl, linkJson, originFor } from './links.js';
import { initialPlenaryUpdate } from '../../app/model/meta.js';
import { HttpError } from './http-error.js';

export { HttpError };

const CreateAssembly = z.object({
  // Only spaces or zero-width characters would be a title that shows nothing ([W14]).
  title: z
    .string({ required_error: 'title is required' })
    .trim()
    .refine(hasVisibleText, 'title must not be empty')
    .refine((v) => v.length <= 200, 'title is at most 200 characters'),
});

const MintLink = z
  .object({
    role: z.enum(ROLES),
    /** Note-takers: a breakout group id, or "plenary" for plenary notes; interpreters: their language. */
    scope: z.string().max(64).optional(),
    label: z
      .string()
      .trim()
      .max(100)
      .transform((v) => (hasVisibleText(v) ? v : undefined))
      .optional(),
    /** Attendee links: false for voice only. */
    vote: z.boolean().optional(),
  })
  .refine((v) => v.role !== 'note-taker' || v.scope, { message: 'a note-taker link needs a scope (a group id or "plenary")', path: ['scope'] })
  .refine((v) => v.role !== 'note-taker' || !v.scope || ID_PATTERN.test(v.scope), { message: 'scope is a group id: letters, digits, - and _', path: ['scope'] })
  .refine((v) => v.role !== 'interpreter' || (v.scope && LANGUAGE_TAG.test(v.scope)), {
    message: 'an interpreter link needs a scope: its language (so, ar, es-419)',
    path: ['scope'],
  })
  .refine((v) => v.role === 'note-taker' || v.role === 'interpreter' || !v.scope, {
    message: 'only note-taker and interpreter links have a scope',
    path: ['scope'],
  })
  .refine((v) => v.role === 'attendee' || v.vote === undefined, { message: 'only attendee links can be voice only', path: ['vote'] });

function zodDetails(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'the body must be a JSON object');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new HttpError(
      400,
      result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '),
      zodDetails(result.error),
    );
  }
  return result.data;
}

export interface ApiOptions {
  access: AccessService;
  /** Kept for callers; errors are logged by the app's error handler. */
  logger?: Logger;
  /** Fixed public origin; when absent the request's own origin is used. */
  publicUrl?: string;
}

/** The request's origin as Express sees it (behind a proxy, `trust proxy` decides). */
const requestUrl = (req: Request) => `${req.protocol}://${req.get('host')}/`;

async function requireFacilitator(access: AccessService, req: Request): Promise<Session> {
  const assemblyId = req.params.assemblyId;
  const session = await access.sessionFromHeaders(req.get('authorization'), req.headers.cookie, assemblyId);
  if (!session) throw new HttpError(401, 'a facilitator link is needed');
  if (session.grant.assemblyId !== assemblyId || session.grant.role !== 'facilitator') {
    throw new HttpError(403, 'only this assembly’s facilitators can do that');
  }
  return session;
}

const wrap = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => fn(req, res).catch(next);

/** The JSON API and the /join/<token> entry point. */
export function createApi({ access, publicUrl }: ApiOptions): Router {
  const router = express.Router();
  const json = express.json({ limit: '32kb', strict: false, type: () => true });
  // Responses carry tokens and live state: never cached.
  router.use(['/api', '/join'], (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  // Every screen estimates its clock's offset from this, so timers agree across the room.
  router.get('/api/time', (_req, res) => {
    res.json({ now: Date.now() });
  });

  router.post(
    '/api/assemblies',
    json,
    wrap(async (req, res) => {
      const { title } = parseBody(CreateAssembly, req.body);
      // The same first document the create form makes: the title lives in it ([A2]).
      const created = await access.createAssembly(title, initialPlenaryUpdate({ title, startsAt: null, place: null, languages: ['en'], timeZone: null }));
      const origin = originFor(publicUrl, requestUrl(req));
      res.status(201).json({
        id: created.id,
        links: {
          facilitator: `${origin}/join/${created.facilitator.token}`,
          attendee: `${origin}/join/${created.attendee.token}`,
        },
      });
    }),
  );

  router.get(
    '/api/assemblies/:assemblyId/links',
    wrap(async (req, res) => {
      await requireFacilitator(access, req);
      const links = await access.listLinks(req.params.assemblyId);
      res.json({ links: links.map(linkJson) });
    }),
  );

  router.post(
    '/api/assemblies/:assemblyId/links',
    json,
    wrap(async (req, res) => {
      await requireFacilitator(access, req);
      const body = parseBody(MintLink, req.body);
      const minted = await access.mintLink(req.params.assemblyId, body.role, body.scope ?? null, body.label ?? null, body.vote ?? true);
      res.status(201).json({ ...linkJson(minted.link), url: joinUrl(originFor(publicUrl, requestUrl(req)), minted.token) });
    }),
  );

  router.delete(
    '/api/assemblies/:assemblyId/links/:linkId',
    wrap(async (req, res) => {
      await requireFacilitator(access, req);
      try {
        if (!(await access.revokeLink(req.params.assemblyId, req.params.linkId))) {
          throw new HttpError(404, 'no such link in this assembly');
        }
      } catch (err) {
        if (err instanceof LastFacilitatorLinkError) throw new HttpError(409, err.message);
        throw err;
      }
      res.status(204).end();
    }),
  );

  router.get('/join/:token', (req, res, next) => {
    void (async () => {
      const link = await access.linkForToken(req.params.token);
      // A mistyped or revoked link (an old QR code) goes on to its page, in the person's language
      // with the switcher and the way in by code ([L81], app/routes/join.$token.tsx).
      if (!link) return next();
      // Another website cannot swap the session a browser holds for this assembly ([W19]): a link
      // there to the room's public join address would log a facilitator out of their console.
      // The person's own navigation (a QR scan, a typed address, a click here) still switches.
      if (req.headers['sec-fetch-site'] === 'cross-site') {
        const held = await access.heldLink(link.assemblyId, req.headers.cookie);
        if (held && held.id !== link.id) return res.redirect(303, rolePath(held));
      }
      res.append('Set-Cookie', await access.sessionCookie(link, req.secure, req.headers.cookie));
      res.redirect(303, rolePath(link));
    })().catch(next);
  });

  // Errors, these included, are answered by the app's error handler (error-handler.ts): JSON here.
  router.use('/api', (_req, _res, next) => next(new HttpError(404, 'no such API route')));

  return router;
}
