/** A problem with the user's input or arguments: printed as is, exit code 1, never a stack trace. */
export class UsageError extends Error {}
