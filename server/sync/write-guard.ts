/**
 * Checks what an incoming update would do before the live document sees it (ADR 015).
 *
 * The guard keeps a scratch copy of the document (made when the first client write arrives,
 * dropped when the room has no writers): an update is applied to the copy, the copy's transaction
 * says which parts changed, and `checkWrite` (server/access/field-rights.ts) decides. Only then is
 * the update applied to the live document, so a refused update is never stored, relayed or seen.
 * A refused or half-applied update leaves the copy dirty: it is made again from the live document.
 */
import * as Y from 'yjs';
import { checkWrite, MAX_TYPE_DEPTH } from '../access/field-rights.js';
import { misplaced } from '../access/placement.js';
import type { Touched, WriteVerdict } from '../access/write-verdict.js';
import type { Grant } from '../access/permissions.js';
import type { DocName } from './doc-name.js';

type AnyType = Y.AbstractType<unknown>;

/** The top-level name and depth (root = 0) of a shared type, memoised for one check. */
class Paths {
  private readonly memo = new Map<AnyType, { root: string; depth: number; key: string | null }>();

  constructor(private readonly doc: Y.Doc) {}

  of(type: AnyType): { root: string; depth: number; key: string | null } {
    const known = this.memo.get(type);
    if (known) return known;
    // Walk up to the first memoised ancestor (or the root) iteratively: a deep tree must not
    // overflow the stack.
    const chain: AnyType[] = [];
    let t: AnyType = type;
    let base: { root: string; depth: number; key: string | null } | undefined;
    while (!(base = this.memo.get(t)) && t._item) {
      chain.push(t);
      t = t._item.parent as AnyType;
    }
    if (!base) {
      base = { root: Y.findRootTypeKey(t), depth: 0, key: null };
      this.memo.set(t, base);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const child = chain[i];
      const parent: { root: string; depth: number; key: string | null } = base;
      // The entry of the top-level map a nested type belongs to is its first key below the root.
      base = { root: parent.root, depth: parent.depth + 1, key: parent.depth === 0 ? (child._item!.parentSub ?? null) : parent.key };
      this.memo.set(child, base);
    }
    return base;
  }
}

/** What a transaction touched, and the deepest type it created. */
function touchedBy(name: DocName, doc: Y.Doc, tr: Y.Transaction): { touched: Touched[]; depth: number; subdoc: boolean; misplaced: string | null } {
  const paths = new Paths(doc);
  const seen = new Set<string>();
  const touched: Touched[] = [];
  const add = (root: string, key: string | null) => {
    const id = `${root}\u0000${key ?? ''}\u0000${key === null ? 'n' : 'k'}`;
    if (seen.has(id)) return;
    seen.add(id);
    touched.push({ root, key });
  };
  for (const [type, keys] of tr.changed) {
    const path = paths.of(type as AnyType);
    if (path.depth > 0) add(path.root, path.key);
    else for (const key of keys) add(path.root, key);
  }
  // New items: their parent may be a type created in this same transaction (not in `changed`),
  // or a deleted one; every one is accounted for.
  let depth = 0;
  let subdoc = false;
  let wrong: string | null = null;
  tr.afterState.forEach((clock, client) => {
    const from = tr.beforeState.get(client) ?? 0;
    if (clock <= from) return;
    const structs = doc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
      const item = structs[i];
      if (!(item instanceof Y.Item)) continue;
      if (item.content instanceof Y.ContentDoc) subdoc = true;
      const parent = item.parent as AnyType | null;
      if (!parent || !(parent instanceof Y.AbstractType)) continue;
      const path = paths.of(parent);
      add(path.root, path.depth > 0 ? path.key : item.parentSub);
      if (item.content instanceof Y.ContentType) depth = Math.max(depth, path.depth + 1);
      wrong ??= misplaced(name, item, path);
    }
  });
  return { touched, depth, subdoc, misplaced: wrong };
}

export class WriteGuard {
  private copy: Y.Doc | null = null;

  constructor(
    private readonly name: DocName,
    private readonly live: Y.Doc,
  ) {}

  /**
   * Applies `update` to the scratch copy and says whether `grant` may make that change. The live
   * document is not touched.
   */
  check(grant: Grant, update: Uint8Array): WriteVerdict {
    const copy = (this.copy ??= this.fresh());
    let found: ReturnType<typeof touchedBy> | null = null;
    const onTransaction = (tr: Y.Transaction) => {
      if (tr.origin === this) found = touchedBy(this.name, copy, tr);
    };
    copy.on('afterTransaction', onTransaction);
    let verdict: WriteVerdict;
    try {
      Y.applyUpdate(copy, update, this);
      verdict = this.judge(grant, copy, found);
    } catch (err) {
      verdict = { ok: false, code: 'invalid', reason: `bad update: ${(err as Error).message}` };
    } finally {
      copy.off('afterTransaction', onTransaction);
    }
    if (!verdict.ok) this.drop();
    return verdict;
  }

  private judge(grant: Grant, copy: Y.Doc, found: ReturnType<typeof touchedBy> | null): WriteVerdict {
    if (copy.store.pendingStructs || copy.store.pendingDs) {
      return { ok: false, code: 'missing', reason: 'the update depends on changes the server does not have' };
    }
    if (!found) return { ok: true }; // nothing new
    const { touched, depth, subdoc, misplaced: wrong } = found as ReturnType<typeof touchedBy>;
    if (subdoc) return { ok: false, code: 'invalid', reason: 'subdocuments are not part of Plenary' };
    if (wrong) return { ok: false, code: 'invalid', reason: wrong };
    if (depth > MAX_TYPE_DEPTH[this.name.kind])
      return { ok: false, code: 'invalid', reason: `nested ${depth} deep (at most ${MAX_TYPE_DEPTH[this.name.kind]})` };
    return checkWrite(grant, this.name, touched, this.live, copy);
  }

  /** Keeps the copy in step with a change the live document took from elsewhere (the server). */
  mirror(update: Uint8Array): void {
    if (this.copy) Y.applyUpdate(this.copy, update, 'mirror');
  }

  /** Forgets the copy (no writers left, or it holds a refused change); made again when needed. */
  drop(): void {
    this.copy?.destroy();
    this.copy = null;
  }

  private fresh(): Y.Doc {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.live));
    return copy;
  }
}
