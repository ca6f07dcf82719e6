// The needs analysis (guide §3.1, R5) as a botbuilder-dialogs dialog, one question per
// step, each asked with an Adaptive Card whose Action.Execute verbs (needs.answer,
// needs.back, needs.edit, needs.cancel) drive the step loop. The answers themselves live
// in the file (several members of one organization work on one file, anyone resumes it);
// the steps and their rules are in domain/needs-steps.ts. The dialog state, kept in the
// Prisma-backed ConversationState, only holds where this conversation is:
// { dossierId, step, editing }.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, DialogSet, type DialogContext, type DialogState, type DialogTurnResult } from 'botbuilder-dialogs';
import type { NeedsStep } from '../domain/needs-steps';

/** Where a conversation is in a file's needs analysis. */
export interface NeedsPosition {
  dossierId: string;
  step: NeedsStep;
  /** Came from the summary's "edit": after the answer, back to the summary when complete. */
  editing: boolean;
}

type NeedsMove = { to: NeedsPosition } | { end: true };
const MOVE = Symbol('needs.move');
export const NEEDS_DIALOG_ID = 'needs';
const STEP_LOOP_ID = 'needs.steps';

/** Waits on each turn for the move the verb handler decided (goto a step, or end). */
class NeedsStepLoop extends Dialog<NeedsPosition> {
  override async beginDialog(dc: DialogContext, options?: NeedsPosition): Promise<DialogTurnResult> {
    dc.activeDialog!.state.position = options;
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const move = dc.context.turnState.get(MOVE) as NeedsMove | undefined;
    if (!move) return Dialog.EndOfTurn;
    if ('end' in move) return dc.endDialog();
    dc.activeDialog!.state.position = move.to;
    return Dialog.EndOfTurn;
  }
}

/** The needs analysis dialog: a component holding the step loop. */
export class NeedsDialog extends ComponentDialog<NeedsPosition> {
  constructor() {
    super(NEEDS_DIALOG_ID);
    this.addDialog(new NeedsStepLoop(STEP_LOOP_ID));
  }
}

/** Runs the needs dialog on a ConversationState property (the Prisma storage). */
export class NeedsNavigator {
  private set: DialogSet | null = null;

  /** `accessor` is read lazily: the bot, and its ConversationState, are created after the features. */
  constructor(private readonly accessor: () => StatePropertyAccessor<DialogState>) {}

  private dialogs(): DialogSet {
    if (!this.set) {
      this.set = new DialogSet(this.accessor());
      this.set.add(new NeedsDialog());
    }
    return this.set;
  }

  /** Where this conversation is, or null when no needs analysis is running in it. */
  async where(ctx: TurnContext): Promise<NeedsPosition | null> {
    const dc = await this.dialogs().createContext(ctx);
    if (dc.activeDialog?.id !== NEEDS_DIALOG_ID) return null;
    const position = dc.child?.activeDialog?.state?.position as NeedsPosition | undefined;
    return position ?? null;
  }

  /** Moves this conversation to a step of a file, starting the dialog if needed. */
  async goTo(ctx: TurnContext, to: NeedsPosition): Promise<void> {
    const dc = await this.dialogs().createContext(ctx);
    ctx.turnState.set(MOVE, { to } satisfies NeedsMove);
    if (dc.activeDialog?.id === NEEDS_DIALOG_ID) {
      await dc.continueDialog();
      return;
    }
    await dc.cancelAllDialogs();
    await dc.beginDialog(NEEDS_DIALOG_ID, to);
  }

  /** Ends the needs analysis in this conversation (the file keeps its answers). */
  async end(ctx: TurnContext): Promise<void> {
    const dc = await this.dialogs().createContext(ctx);
    if (dc.activeDialog?.id !== NEEDS_DIALOG_ID) return;
    ctx.turnState.set(MOVE, { end: true } satisfies NeedsMove);
    await dc.continueDialog();
  }
}
