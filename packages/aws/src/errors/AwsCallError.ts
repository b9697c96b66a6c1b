import { GitwayError } from '@gitway/core';

/**
 * API Gateway refused a call or could not be reached. data: { operation, awsType
 * (NotFoundException, BadRequestException, TooManyRequestsException...), status, awsMessage }
 * and, when a push stopped part way, { done, notDone } (the calls made and those left).
 */
export class AwsCallError extends GitwayError {
  static override code = 'AwsCallError';
}
