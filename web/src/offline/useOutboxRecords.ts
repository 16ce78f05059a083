import { liveQuery } from 'dexie';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { currentOutbox, outboxStatus, subscribeOutbox } from './engine.js';
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
  const { account } = useSyncExternalStore(subscribeOutbox, outboxStatus);
  const [record, setRecord] = useState<OutboxRecord | null | undefined>(key ? undefined : null);
  useEffect(() => {
    const outbox = account ? currentOutbox() : null;
    if (!key) return setRecord(null);
    if (!outbox) return;
    let live = true;
    void outbox.get(key).then((found) => live && setRecord(found ?? null));
    return () => {
      live = false;
    };
  }, [account, key]);
  return record;
}
