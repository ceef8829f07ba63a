import { SqliteStore } from '../../lib/store/sqlite/sqlite-store.js';

/** Messages read from a room per query, newest first. */
const PAGE = 5000;

/**
 * How many times each text is stored in `rooms`, read straight from the SQLite database in
 * `dataDir` (with no server running): what survived, and what is there twice.
 */
export async function storedTexts(dataDir: string, rooms: readonly string[]): Promise<Map<string, number>> {
  const store = SqliteStore.open({ dataDir });
  const counts = new Map<string, number>();
  try {
    for (const room of rooms) {
      let before: number | undefined;
      for (;;) {
        const page = await store.roomHistory(room, PAGE, before);
        for (const message of page) counts.set(message.text, (counts.get(message.text) ?? 0) + 1);
        const oldest = page[0];
        if (page.length < PAGE || !oldest) break;
        before = oldest.id;
      }
    }
  } finally {
    await store.close();
  }
  return counts;
}
