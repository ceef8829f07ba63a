import fs from 'node:fs';

/** The nice value of every thread of this process (Linux: /proc/self/task/<tid>/stat, field 19). */
export function threadNiceness(): number[] {
  return fs.readdirSync('/proc/self/task').flatMap((tid) => {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      // The thread ended between the listing and the read.
      return [];
    }
    // Fields after the command name, which may itself hold spaces, start with field 3.
    return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3])];
  });
}
