export { RemoteUnreachableError } from './RemoteUnreachableError.js';
export { AuthenticationError } from './AuthenticationError.js';
export { NotAGitwayRemoteError } from './NotAGitwayRemoteError.js';
export { PushRejectedError } from './PushRejectedError.js';
export { TransferInterruptedError } from './TransferInterruptedError.js';
export { RemoteTimeoutError } from './RemoteTimeoutError.js';
