import { liveQuery } from 'dexie';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useLocation } from '../router.js';
import { currentOutbox, outboxStatus, subscribeOutbox } from './engine.js';
import type { OutboxKindName } from './kinds.js';
import type { OutboxRecord } from './outbox.js';

/** The signed-in account's records on this device, kept up to date (other tabs' changes too); null while read. */
export function useOutboxRecords(): OutboxRecord[] | null {
  const { account } = useSyncExternalStore(subscribeOutbox, outboxStatus);
  const [records, setRecords] = useState<OutboxRecord[] | null>(null);
  useEffect(() => {
    const outbox = account ? currentOutbox() : null;
    if (!outbox) {
      setRecords([]);
      return;
    }
    const subscription = liveQuery(() => outbox.list()).subscribe({ next: setRecords, error: () => setRecords([]) });
    return () => subscription.unsubscribe();
  }, [account]);
  return records;
}

/** One record of the outbox, for a form that reopens it (`?outbox=<key>`); undefined while read, null when gone. */
export function useOutboxRecord(key: string | null): OutboxRecord | null | undefined {
  // The outbox itself, not only the account: it arrives with its module a moment after the account is bound.
  const outbox = useSyncExternalStore(subscribeOutbox, currentOutbox);
  const [record, setRecord] = useState<OutboxRecord | null | undefined>(key ? undefined : null);
  useEffect(() => {
    if (!key) return setRecord(null);
    if (!outbox) return;
    let live = true;
    void outbox.get(key).then((found) => live && setRecord(found ?? null));
    return () => {
      live = false;
    };
  }, [outbox, key]);
  return record;
}

/** The record `?outbox=<key>` names, when it is of `kind`: undefined while read, null when there is none (sent, discarded, another kind). */
export function useReopenedRecord(kind: OutboxKindName): OutboxRecord | null | undefined {
  const record = useOutboxRecord(useLocation().search.get('outbox'));
  if (record === undefined) return undefined;
  return record && record.kind === kind ? record : null;
}
