/**
 * `/me waves` is stored as a room message whose text starts with this mark, as IRC stores
 * CTCP ACTION. The sanitizer removes \x01 from everything people type, so nobody can
 * forge an action by typing the mark.
 */
export const ACTION_MARK = '\u0001ACTION ';

/** The action of a `/me` message (`waves`), or undefined for an ordinary one. */
export function actionOf(text: string): string | undefined {
  return text.startsWith(ACTION_MARK) ? text.slice(ACTION_MARK.length) : undefined;
}
