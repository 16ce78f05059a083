/**
 * The attachments other modules show with their records. Kept apart from attachments.service,
 * which uses the incidents and protection services, so they can import it without a cycle.
 */
export { attachmentsOf } from './attachments.repository.js';
