/** Builds dist/demo/ (the page's script, its worker and static files); resolves with the folder's absolute path. */
export function buildDemo(): Promise<string>;
