/**
 * Who may read and write which document: docs/SPEC.md [P1]–[P6], [P30]. Pure, so the rules are
 * tested directly and the sync server only asks.
 */
import type { LinkRecord } from '../storage/store.js';
import type { DocName } from '../sync/doc-name.js';

export type Access = 'write' | 'read' | 'none';

/** A credential the server has checked: a live link, presented by cookie or token. */
export type Grant = Pick<LinkRecord, 'id' | 'assemblyId' | 'role' | 'scope' | 'canVote'>;

export function accessTo(grant: Grant, doc: DocName): Access {
  if (grant.assemblyId !== doc.assemblyId) return 'none';
  switch (doc.kind) {
    case 'plenary':
      if (grant.role === 'facilitator' || grant.role === 'stack-keeper') return 'write';
      return grant.role === 'reader' ? 'none' : 'read';
    case 'notes':
      if (grant.role === 'facilitator') return 'write';
      if (grant.role === 'note-taker' && grant.scope === 'plenary') return 'write';
      return grant.role === 'stack-keeper' ? 'read' : 'none';
    case 'breakout':
      if (grant.role === 'facilitator') return 'write';
      if (grant.role === 'note-taker') return grant.scope === doc.groupId ? 'write' : 'none';
      return grant.role === 'stack-keeper' || grant.role === 'attendee' ? 'read' : 'none';
    case 'translations':
      // Written by the server alone, from interpreters' commands ([P30], ADR 025); read by the
      // room like the plenary it translates.
      return grant.role === 'reader' ? 'none' : 'read';
  }
}
