import { z } from 'zod';

/** The account's notification choice; `available`: the server can send mail (MANDAT_SMTP_URL set). */
export const notificationSettingsSchema = z.object({ email: z.boolean(), available: z.boolean() });
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const notificationSettingsBodySchema = z.strictObject({ email: z.boolean() });
