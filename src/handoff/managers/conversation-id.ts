const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Conversation ids are UUIDs. Ids arriving from Slack (button values, modal metadata) are
 * checked before they reach a `::uuid` cast, where a forged one would be a database error
 * instead of "not found".
 */
export function isConversationId(value: string): boolean {
  return UUID.test(value);
}
