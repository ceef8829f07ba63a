import fs from 'node:fs';
import path from 'node:path';

/** The directory and its missing parents, outermost first. */
function missingLevels(dir: string, exists: (level: string) => boolean): string[] {
  const missing: string[] = [];
  let level = path.resolve(dir);
  while (!exists(level)) {
    missing.unshift(level);
    const parent = path.dirname(level);
    if (parent === level) break;
    level = parent;
  }
  return missing;
}

function alreadyThere(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EEXIST';
}

/**
 * `mkdir -p`, one level at a time. Node's own recursive mkdir never returns for some
 * paths it cannot create (`/proc/nope` spins forever); level by level, such a path fails
 * at once with ENOENT or EACCES like any other.
 */
export function makeDirectorySync(dir: string, mode?: number): void {
  for (const level of missingLevels(dir, fs.existsSync)) {
    try {
      fs.mkdirSync(level, { mode });
    } catch (error) {
      if (!alreadyThere(error)) throw error;
    }
  }
}

/** makeDirectorySync, for the event loop: only the existence checks are synchronous (they are cheap). */
export async function makeDirectory(dir: string, mode?: number): Promise<void> {
  for (const level of missingLevels(dir, fs.existsSync)) {
    try {
      await fs.promises.mkdir(level, { mode });
    } catch (error) {
      if (!alreadyThere(error)) throw error;
    }
  }
}
