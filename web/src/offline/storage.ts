/**
 * What the outbox needs of IndexedDB (Dexie), loaded only once an account is bound: the sign-in
 * page and the public pages never download it.
 */
export { liveQuery } from 'dexie';
export { openOutboxDatabase } from './db.js';
