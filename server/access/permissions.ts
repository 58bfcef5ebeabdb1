/**
 * Who may read and write which document lives in app/access/rules.ts (ADR 026): the one module the
 * sync server, the page guards, the services and the command routes all ask. Re-exported here for
 * the server's own modules.
 */
export { accessTo, type Access, type Grant } from '../../app/access/rules.js';
