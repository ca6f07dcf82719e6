// botbuilder's request authentication, with one correction: a token whose signature
// does not verify (or is not yet valid) is an authentication failure, so the caller
// gets 401 rather than botbuilder 4.23's 500.
import { ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions, } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import { StatusCodes } from 'botframework-schema';

const JWT_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

export class CourtierAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(settings: ConfigurationBotFrameworkAuthenticationOptions) {
    super(settings);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      if (err instanceof Error && JWT_ERRORS.has(err.name)) {
        throw new AuthenticationError(`Unauthorized: ${err.message}`, StatusCodes.UNAUTHORIZED);
      }
      throw err;
    }
  }
}
