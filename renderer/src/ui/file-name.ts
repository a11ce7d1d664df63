/** A name the user's file system accepts: Windows refuses these characters in file names. */
export function fileSafe(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, '_').trim()
}
