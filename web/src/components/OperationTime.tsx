import { splitInstant } from '../operations.js';
import { formatDate } from './fields.js';

/** An operation's instant as the interface writes it: day/month/year and the UTC time. */
export function OperationTime({ value }: { value: string }) {
  const { day, time } = splitInstant(value);
  return (
    <time dateTime={value} className="nowrap">
      {formatDate(day)} {time} UTC
    </time>
  );
}
