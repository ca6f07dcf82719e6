// What a feature plugs into the bot: text commands, Action.Execute verbs and job kinds. A feature is
// a folder (bot/features/<feature>/) holding its commands, its verbs and its use cases.
import type { Command } from '../commands';
import type { VerbHandler } from '../invoke-router';
import type { AnyJobKind } from '../jobs/types';
import type { Turn } from '../turn';

/** A feature that answers a text command. */
export type CommandHandler<C extends Command = Command> = (turn: Turn, command: C) => Promise<void>;
export type CommandHandlers = { [N in Command['name']]?: CommandHandler<Extract<Command, { name: N }>> };

/** Text that is no command, offered to a feature before "I did not understand": true when the feature answered it. */
export type TextHandler = (turn: Turn, text: string) => Promise<boolean>;

export interface Feature {
  commands?: CommandHandlers;
  verbs?: VerbHandler[];
  /** E.g. text typed while a question of the needs analysis is open. */
  text?: TextHandler;
  /** Durable background work the feature enqueues (reminders, announcements): registered with the job engine. */
  jobKinds?: AnyJobKind[];
}
