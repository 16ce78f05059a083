/**
 * What other modules may do with sessions: end every session of an account (disabled, password
 * changed). Kept apart from auth.service, which uses the users service, so users can import it.
 */
export { deleteSessionsOf } from './sessions.repository.js';
