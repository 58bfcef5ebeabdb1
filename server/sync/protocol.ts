/**
 * The wire protocol spoken with stock y-websocket clients: message types, close codes and
 * the encoders for what the server sends. One message per websocket frame (y-websocket 3.x
 * decodes only the first message of a frame).
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

export const SyncStep = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/** Close codes; 4400–4499 stop a y-websocket client from retrying. */
export const CloseCode = {
  badRequest: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  notFound: 4404,
  tooLarge: 4413,
  /** The server is shutting down; clients retry. */
  goingAway: 1001,
  /** Storage is failing; clients retry. */
  tryAgainLater: 1013,
} as const;

export type IncomingMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

export class MalformedMessageError extends Error {}

/** Decodes one incoming frame; throws MalformedMessageError on anything else. */
export function decodeMessage(data: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    let message: IncomingMessage;
    switch (type) {
      case MessageType.sync: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        switch (step) {
          case SyncStep.step1:
            message = { type: 'sync-step-1', stateVector: payload };
            break;
          case SyncStep.step2:
            message = { type: 'sync-step-2', update: payload };
            break;
          case SyncStep.update:
            message = { type: 'update', update: payload };
            break;
          default:
            throw new MalformedMessageError(`unknown sync step ${step}`);
        }
        break;
      }
      case MessageType.awareness:
        message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
        break;
      case MessageType.queryAwareness:
        message = { type: 'query-awareness' };
        break;
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after message');
    return message;
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err;
    throw new MalformedMessageError(`undecodable message: ${(err as Error).message}`);
  }
}

function encodeSync(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => encodeSync(SyncStep.step1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => encodeSync(SyncStep.step2, update);
export const encodeUpdate = (update: Uint8Array) => encodeSync(SyncStep.update, update);

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * An awareness message that changes nobody's state: the keepalive every connection hears,
 * so y-websocket's 30-second silence watchdog never fires on an idle reader.
 */
export const KEEPALIVE_MESSAGE: Uint8Array = (() => {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 0); // zero awareness entries
  return encodeAwareness(encoding.toUint8Array(inner));
})();
