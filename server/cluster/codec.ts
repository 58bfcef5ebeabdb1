/**
 * The messages Plenary nodes send one another over Redis (ADR 028), and their seal. Each carries
 * the sending node's id (a node ignores its own) and ends with an HMAC-SHA256 over the channel
 * name and the message, keyed from the session secret every node shares: a message anyone else
 * puts on a channel, or one moved to another document's channel, is ignored ([SO33]).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';

export type RelayMessage =
  /** A batch the sender stored, with the link that wrote under each client id in it. */
  | { kind: 'update'; update: Uint8Array; owners: [number, string][] }
  /** Presence of one link's writer on the sender. */
  | { kind: 'presence'; update: Uint8Array; link: string }
  /** The sender just loaded the document: nodes with writers on it say who is there. */
  | { kind: 'presence-query' }
  /** A link was revoked: every node closes its sockets. */
  | { kind: 'revoked'; linkId: string }
  /** An assembly was deleted: every node drops its documents. */
  | { kind: 'deleted'; assemblyId: string };

const KINDS = ['update', 'presence', 'presence-query', 'revoked', 'deleted'] as const;
const VERSION = 1;
const MAC_BYTES = 32;
/** Far more client ids than one batch ever carries; a bound on what a message can make us allocate. */
const MAX_OWNERS = 10_000;

const Id = z.string().min(1).max(128);
const Bytes = z.instanceof(Uint8Array);
const Message = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('update'), update: Bytes, owners: z.array(z.tuple([z.number().int().nonnegative(), Id])).max(MAX_OWNERS) }),
  z.object({ kind: z.literal('presence'), update: Bytes, link: Id }),
  z.object({ kind: z.literal('presence-query') }),
  z.object({ kind: z.literal('revoked'), linkId: Id }),
  z.object({ kind: z.literal('deleted'), assemblyId: Id }),
]);

/** A random id for this process: messages it sent come back to it, and are ignored. */
export const newNodeId = (): string => randomBytes(9).toString('base64url');

export class RelayCodec {
  private readonly key: Buffer;

  constructor(
    readonly nodeId: string,
    secret: string,
  ) {
    // A key of its own, so a relay seal can never stand in for a cookie signature or the reverse.
    this.key = createHmac('sha256', secret).update('plenary cluster relay v1').digest();
  }

  encode(channel: string, message: RelayMessage): Buffer {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, VERSION);
    encoding.writeVarString(e, this.nodeId);
    encoding.writeVarUint(e, KINDS.indexOf(message.kind));
    switch (message.kind) {
      case 'update':
        encoding.writeVarUint8Array(e, message.update);
        encoding.writeVarUint(e, message.owners.length);
        for (const [client, link] of message.owners) {
          encoding.writeVarUint(e, client);
          encoding.writeVarString(e, link);
        }
        break;
      case 'presence':
        encoding.writeVarString(e, message.link);
        encoding.writeVarUint8Array(e, message.update);
        break;
      case 'presence-query':
        break;
      case 'revoked':
        encoding.writeVarString(e, message.linkId);
        break;
      case 'deleted':
        encoding.writeVarString(e, message.assemblyId);
        break;
    }
    const body = encoding.toUint8Array(e);
    return Buffer.concat([body, this.mac(channel, body)]);
  }

  /**
   * The message and its sender, or null: not sealed by a node sharing our secret, not for this
   * channel, or malformed in any way. Never throws.
   */
  decode(channel: string, payload: Uint8Array): { from: string; message: RelayMessage } | null {
    if (payload.length <= MAC_BYTES) return null;
    const body = payload.subarray(0, payload.length - MAC_BYTES);
    const seal = payload.subarray(payload.length - MAC_BYTES);
    if (!timingSafeEqual(seal, this.mac(channel, body))) return null;
    try {
      const d = decoding.createDecoder(body);
      if (decoding.readVarUint(d) !== VERSION) return null;
      const from = decoding.readVarString(d);
      const kind = KINDS[decoding.readVarUint(d)];
      let raw: unknown;
      switch (kind) {
        case 'update': {
          const update = decoding.readVarUint8Array(d);
          const count = decoding.readVarUint(d);
          if (count > MAX_OWNERS) return null;
          const owners: [number, string][] = [];
          for (let i = 0; i < count; i++) owners.push([decoding.readVarUint(d), decoding.readVarString(d)]);
          raw = { kind, update, owners };
          break;
        }
        case 'presence': {
          const link = decoding.readVarString(d);
          raw = { kind, link, update: decoding.readVarUint8Array(d) };
          break;
        }
        case 'presence-query':
          raw = { kind };
          break;
        case 'revoked':
          raw = { kind, linkId: decoding.readVarString(d) };
          break;
        case 'deleted':
          raw = { kind, assemblyId: decoding.readVarString(d) };
          break;
        default:
          return null;
      }
      if (decoding.hasContent(d)) return null;
      const parsed = Message.safeParse(raw);
      if (!parsed.success || !Id.safeParse(from).success) return null;
      return { from, message: parsed.data as RelayMessage };
    } catch {
      return null;
    }
  }

  private mac(channel: string, body: Uint8Array): Buffer {
    return createHmac('sha256', this.key).update(channel).update('\0').update(body).digest();
  }
}
