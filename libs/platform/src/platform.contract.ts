/** Names the self-check model and its worker share; tests and the CLI use the same constants. */
export const SELF_CHECK_PROCESS_ID = 'platform-selfcheck';
export const CHECK_DEPENDENCIES_JOB = 'platform.check-dependencies';
export const SELF_CHECK_RESULT_VARIABLE = 'selfCheck';
/** What the CLI starts a self-check with: the model may rely on these. */
export const SELF_CHECK_START_VARIABLES = ['businessKey', 'requestedBy', 'requestedAt'];
