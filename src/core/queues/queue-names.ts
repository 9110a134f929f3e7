import { z } from 'zod';

/** Queue names and the zod schema of each job's payload. */
export const queueNames = { inbound: 'inbound', outbound: 'outbound' } as const;

export const ZIngestEventJobSchema = z.object({ eventId: z.string().regex(/^\d+$/) });
export const ZComposeRepliesJobSchema = z.object({ conversationId: z.uuid() });
export const ZDeliverMessageJobSchema = z.object({ messageId: z.uuid() });

export const jobNames = { ingestEvent: 'ingest-event', composeReplies: 'compose-replies', deliver: 'deliver' } as const;
