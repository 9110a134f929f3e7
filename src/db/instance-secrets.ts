import { randomBytes } from 'node:crypto';
import type { Db } from './prisma-client';

/**
 * A secret this deployment generates once and every process reads back: 256 random bits,
 * created by whichever process asks first (ON CONFLICT keeps the first one, so processes
 * starting together agree). For keys that must not be derivable from anything an outsider
 * could see, such as the DATABASE_URL of a shipped docker-compose.yml.
 */
export async function instanceSecret(db: Db, name: string): Promise<string> {
  const candidate = randomBytes(32).toString('hex');
  await db.$executeRaw`
    INSERT INTO "InstanceSecret" ("name", "value") VALUES (${name}, ${candidate})
    ON CONFLICT ("name") DO NOTHING`;
  const stored = await db.instanceSecret.findUnique({ where: { name } });
  if (!stored) throw new Error(`instance secret ${name} vanished right after it was stored`);
  return stored.value;
}
