/**
 * Why the model refused a change, as a code a page translates (`modelErrors.<reason>` in every
 * catalogue, with the numbers as placeholders), never as English shown to the person ([L30]).
 * The English below is only the Error's message, for logs and tests.
 */

/** Every refusal the model can give, with its English text for logs (`{{name}}` = a param). */
export const MODEL_ERRORS = {
  // agenda
  itemTitleNeeded: 'an agenda item needs a title',
  itemTitleLong: 'an agenda item title is at most {{max}} characters',
  itemMinutes: 'planned minutes must be between {{min}} and {{max}}',
  itemKind: 'unknown item kind',
  itemMissing: 'no such agenda item',
  // running the room
  announcementLong: 'an announcement is at most {{max}} characters',
  // breakouts
  promptLong: 'a prompt is at most {{max}} characters',
  roundMinutes: 'a round lasts {{min}} to {{max}} minutes',
  assignment: 'unknown assignment',
  tableCount: '{{min}} to {{max}} tables',
  tableLabelLong: 'a table label is at most {{max}} characters',
  tableLabelNeeded: 'every table needs a topic or language',
  tablesFixed: 'tables cannot change while the round runs',
  noRound: 'no breakout round for this item',
  extendNotRunning: 'only a running round can be extended',
  extendMinutes: 'extend by {{min}} to {{max}} minutes',
  noEndTime: 'this round has no end time to extend',
  messageLength: 'a message is {{min}} to {{max}} characters',
  roundNotRunning: 'the round is not running',
  roundEnded: 'this round has ended',
  noTable: 'no such table',
  noSeat: 'nobody sits there in this round',
  // proposals
  proposalMissing: 'no such proposal',
  putToPhoneVote: 'this was put to a phone vote',
  proposalNeeded: 'the proposal is needed',
  proposalLong: 'the proposal is at most {{max}} characters',
  amendmentNeeded: 'the amendment is needed',
  amendmentLong: 'the amendment is at most {{max}} characters',
  actionNeeded: 'the action is needed',
  actionLong: 'the action is at most {{max}} characters',
  nameFieldLong: 'at most {{max}} characters',
  threshold: 'unknown threshold',
  quorum: 'unknown quorum',
  blocksAllowed: 'N must be a whole number from {{min}} to {{max}}',
  quorumRange: 'the quorum must be a whole number from {{min}} to {{max}}',
  present: 'present must be a whole number from {{min}} to {{max}}',
  method: 'unknown method',
  closeVoteFirst: 'close the phone vote first',
  decidedByPhone: 'this was decided by a phone vote',
  scale: 'unknown scale',
  amendmentMissing: 'no such amendment',
  count: 'a count must be a whole number from {{min}} to {{max}}',
  scalePoints: 'the scale has {{count}} points',
  voteClosed: 'this vote has closed',
  voteNotOpen: 'voting is not open',
  outcome: 'unknown outcome',
  dueDate: 'a date is YYYY-MM-DD',
  // the stack
  nameNeeded: 'a name is needed',
  nameLong: 'a name is at most {{max}} characters',
  entryKind: 'unknown kind',
  stackClosed: 'the stack is closed; points of process are still taken',
  duplicateHand: 'you already have a hand up of this kind',
  entryMissing: 'no such entry',
  notYours: 'this is not your entry',
  notWaiting: 'this entry is no longer waiting',
  progressive: 'unknown progressive setting',
  speakerTime: 'speaker time must be {{min}} to {{max}} seconds',
  // translations
  translationKeyLong: 'a translation key is at most {{max}} characters',
  translationLong: 'a translation is at most {{max}} characters',
} as const;

/** One refusal's code: its catalogue key is `modelErrors.<reason>`. */
export type ModelErrorReason = keyof typeof MODEL_ERRORS;

/** The numbers (and short codes) a refusal's text names. */
export type ModelErrorParams = Record<string, number | string>;

/** The English text of a refusal, for logs: the registry's template filled in. */
export function englishOf(reason: ModelErrorReason, params: ModelErrorParams = {}): string {
  return MODEL_ERRORS[reason].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A refusal from app/model: `reason` and `params` are what a page shows (translated), the
 * message is English for logs. Subclasses add a coarse `code` for HTTP statuses.
 */
export class ModelError extends Error {
  constructor(
    readonly reason: ModelErrorReason,
    readonly params: ModelErrorParams = {},
  ) {
    super(englishOf(reason, params));
  }
}

/** A refusal with a coarse `code` (which the commands map to an HTTP status); each part of the model names its codes. */
export class CodedModelError<Code extends string> extends ModelError {
  constructor(
    readonly code: Code,
    reason: ModelErrorReason,
    params?: ModelErrorParams,
  ) {
    super(reason, params);
  }
}

/** The catalogue key of a refusal. */
export const modelErrorKey = (reason: ModelErrorReason) => `modelErrors.${reason}`;
