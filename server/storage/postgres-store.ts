/**
 * The Store on PostgreSQL (ADR 027), for several Plenary nodes on one database: `DATABASE_URL`
 * selects it. Each concern lives in a file of its own (postgres-docs, -links, -ballots, -minutes,
 * -translations, -assemblies); this class opens the pool, migrates, and hands each call on.
 */
import type { Logger } from '../logger.js';
import { StartupError } from '../startup-error.js';
import { PgAssemblies } from './postgres-assemblies.js';
import { PgBallots } from './postgres-ballots.js';
import { isUnreachable, PgDb, type PgDbOptions } from './postgres-db.js';
import { PgDocs } from './postgres-docs.js';
import { PgLinks } from './postgres-links.js';
import { migrate } from './postgres-migrations.js';
import { PgMinutes } from './postgres-minutes.js';
import { PgTranslations } from './postgres-translations.js';
import { Vacuumer } from './postgres-vacuum.js';
import type { Choice, LinkRecord, NewVotingRight, Store } from './store.js';

/** The database's address for messages and logs: host, port and name, never the password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

export class PostgresStore implements Store {
  private readonly assemblies: PgAssemblies;
  private readonly ballots: PgBallots;
  private readonly docs: PgDocs;
  private readonly links: PgLinks;
  private readonly minutes: PgMinutes;
  private readonly translations: PgTranslations;
  private readonly vacuum: Vacuumer;

  private constructor(
    private readonly db: PgDb,
    logger: Logger,
  ) {
    this.vacuum = new Vacuumer(db, logger);
    this.assemblies = new PgAssemblies(db, this.vacuum);
    this.ballots = new PgBallots(db, this.vacuum);
    this.docs = new PgDocs(db);
    this.links = new PgLinks(db);
    this.minutes = new PgMinutes(db);
    this.translations = new PgTranslations(db);
  }

  /**
   * Connects, checks the database answers and applies missing migrations ([SO2]). A database
   * out of reach, or one that refuses us, is a StartupError: one line saying what to do.
   */
  static async open(url: string, logger: Logger, options: PgDbOptions = {}): Promise<PostgresStore> {
    const db = new PgDb(url, logger, options);
    const where = describeDatabaseUrl(url);
    try {
      await db.query('SELECT 1');
      const applied = await migrate(db);
      if (applied.length > 0) logger.info('database migrated', { database: where, applied: applied.join(',') });
    } catch (err) {
      await db.close().catch(() => {});
      if (err instanceof StartupError) throw err;
      const reason = (err as Error).message;
      const cause = (err as { cause?: unknown }).cause ?? err;
      if (isUnreachable(cause) || (err as { code?: string }).code === '28P01' || (err as { code?: string }).code === '3D000') {
        throw new StartupError(`Plenary cannot start: the database at ${where} cannot be used (${reason}). Check DATABASE_URL and that PostgreSQL is running.`);
      }
      throw new StartupError(`Plenary cannot start: preparing the database at ${where} failed (${reason}).`);
    }
    return new PostgresStore(db, logger);
  }

  /** Resolves once every VACUUM asked for by a delete so far has run (tests; close). */
  vacuumed(): Promise<void> {
    return this.vacuum.settled();
  }

  createAssembly = (a: Parameters<PgAssemblies['createAssembly']>[0]) => this.assemblies.createAssembly(a);
  getAssembly = (id: string) => this.assemblies.getAssembly(id);
  deleteAssembly = (id: string) => this.assemblies.deleteAssembly(id);
  setDeleteAfterDays = (id: string, days: number | null) => this.assemblies.setDeleteAfterDays(id, days);
  getDeleteAfterDays = (id: string) => this.assemblies.getDeleteAfterDays(id);
  listDeleteAfter = () => this.assemblies.listDeleteAfter();

  publishMinutes = (assemblyId: string, markdown: string, at: number) => this.minutes.publishMinutes(assemblyId, markdown, at);
  getMinutes = (assemblyId: string, version?: number) => this.minutes.getMinutes(assemblyId, version);
  listMinutes = (assemblyId: string) => this.minutes.listMinutes(assemblyId);
  getMinutesDraft = (assemblyId: string) => this.minutes.getMinutesDraft(assemblyId);
  saveMinutesDraft = (assemblyId: string, markdown: string, basedOn: number, at: number) => this.minutes.saveMinutesDraft(assemblyId, markdown, basedOn, at);
  discardMinutesDraft = (assemblyId: string, basedOn: number) => this.minutes.discardMinutesDraft(assemblyId, basedOn);
  publishMinutesDraft = (assemblyId: string, markdown: string, basedOn: number, at: number) =>
    this.minutes.publishMinutesDraft(assemblyId, markdown, basedOn, at);

  getMinutesTranslation = (assemblyId: string, version: number, language: string) => this.translations.getMinutesTranslation(assemblyId, version, language);
  listMinutesTranslations = (assemblyId: string, version: number) => this.translations.listMinutesTranslations(assemblyId, version);
  saveMinutesTranslation = (assemblyId: string, version: number, language: string, markdown: string | null, basedOn: number, at: number) =>
    this.translations.saveMinutesTranslation(assemblyId, version, language, markdown, basedOn, at);

  issueRights = (assemblyId: string, rights: NewVotingRight[], at: number) => this.ballots.issueRights(assemblyId, rights, at);
  listRights = (assemblyId: string) => this.ballots.listRights(assemblyId);
  countRights = (assemblyId: string) => this.ballots.countRights(assemblyId);
  revokeRight = (assemblyId: string, number: number, at: number) => this.ballots.revokeRight(assemblyId, number, at);
  redeemRight = (assemblyId: string, codeHash: Uint8Array, holder: string) => this.ballots.redeemRight(assemblyId, codeHash, holder);
  holdsRight = (assemblyId: string, holder: string) => this.ballots.holdsRight(assemblyId, holder);
  openBallot = (assemblyId: string, proposalId: string) => this.ballots.openBallot(assemblyId, proposalId);
  castBallot = (assemblyId: string, proposalId: string, holder: string) => this.ballots.castBallot(assemblyId, proposalId, holder);
  hasVoted = (assemblyId: string, proposalId: string, holder: string) => this.ballots.hasVoted(assemblyId, proposalId, holder);
  closeBallot = (assemblyId: string, proposalId: string, tally: Record<Choice, number>) => this.ballots.closeBallot(assemblyId, proposalId, tally);
  ballotState = (assemblyId: string, proposalId: string) => this.ballots.ballotState(assemblyId, proposalId);
  voidBallot = (assemblyId: string, proposalId: string) => this.ballots.voidBallot(assemblyId, proposalId);
  voidOpenBallots = () => this.ballots.voidOpenBallots();

  createLink = (link: LinkRecord) => this.links.createLink(link);
  getLink = (id: string) => this.links.getLink(id);
  findLinkByTokenHash = (tokenHash: Uint8Array) => this.links.findLinkByTokenHash(tokenHash);
  listLinks = (assemblyId: string) => this.links.listLinks(assemblyId);
  revokeLink = (id: string, at: number) => this.links.revokeLink(id, at);
  addJoinCode = (linkId: string, codeHash: Uint8Array, sealedCode: Uint8Array) => this.links.addJoinCode(linkId, codeHash, sealedCode);
  getJoinCode = (linkId: string) => this.links.getJoinCode(linkId);
  findLinkIdByJoinCode = (codeHash: Uint8Array) => this.links.findLinkIdByJoinCode(codeHash);

  appendUpdates = (doc: string, updates: Uint8Array[]) => this.docs.appendUpdates(doc, updates);
  loadDoc = (doc: string) => this.docs.loadDoc(doc);
  compactDoc = (doc: string, uptoSeq: number) => this.docs.compactDoc(doc, uptoSeq);

  async ping(): Promise<void> {
    await this.db.query('SELECT 1', [], 2_000);
  }

  private closed: Promise<void> | null = null;

  close(): Promise<void> {
    this.closed ??= (async () => {
      await this.vacuum.settled();
      await this.db.close();
    })();
    return this.closed;
  }
}
