// What a feature plugs into the bot: text commands and Action.Execute verbs.
import type { CommandHandlers } from '../courtier-bot';
import type { VerbHandler } from '../invoke-router';

export interface Feature {
  commands?: CommandHandlers;
  verbs?: VerbHandler[];
}
