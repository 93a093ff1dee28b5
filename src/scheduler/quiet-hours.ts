// Quiet hours are part of the core's one rule for messaging a member; the job runner and the outbox
// worker apply the same function.
export { isQuietTime, nextAllowedTime, type QuietHoursSettings } from '../core/index.js';
