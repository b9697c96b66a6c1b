import { GitwayError } from '@gitway/core';

/** The AWS SDK's provider chain found no credentials (environment, shared files, profile, SSO). data: { profile } */
export class AwsCredentialsError extends GitwayError {
  static override code = 'AwsCredentialsError';
}
