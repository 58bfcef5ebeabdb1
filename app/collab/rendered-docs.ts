import * as Y from 'yjs';

function fromBase64(state: string): Uint8Array {
  const binary = atob(state);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A new document holding the server-rendered state (base64, from a loader). */
function docFromState(state: string): Y.Doc {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, fromBase64(state));
  return doc;
}

const MAX_DOCS = 16;
const MAX_STATE = 256 * 1024;
const rendered = new Map<string, Y.Doc>();

/**
 * The document a server render reads (issue 17): when a hall joins, a thousand phones render the
 * same state of the same document, so it is decoded once and shared. A server render only reads
 * (writes happen in event handlers, which never run there), so sharing is safe. Kept: the 16
 * latest, each under 256 KB of state; in the browser every page has its own live document.
 */
export function renderedDoc(docName: string, state: string): Y.Doc {
  if (typeof document !== 'undefined' || state.length > MAX_STATE) return docFromState(state);
  const key = `${docName}\n${state}`;
  let doc = rendered.get(key);
  if (doc) {
    rendered.delete(key);
  } else {
    doc = docFromState(state);
    if (rendered.size >= MAX_DOCS) rendered.delete(rendered.keys().next().value!);
  }
  rendered.set(key, doc);
  return doc;
}
