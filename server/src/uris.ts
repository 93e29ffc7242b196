/** Document URIs as clients send them, checked once: the server never trusts a URI to be a well-formed string. */
import { fileURLToPath } from 'node:url';

/**
 * The file-system path of a `file:` URI, '' for a document of another scheme (`untitled:`), or undefined for a URI
 * that is not valid: not a string, no scheme, a `file://host/…` (not this machine), a `%2F` or NUL in the path, or
 * broken percent-encoding. Never throws.
 */
export function uriPath(uri: unknown): string | undefined {
  if (typeof uri !== 'string' || !/^[A-Za-z][A-Za-z\d+.-]*:/.test(uri)) return undefined;
  if (!/^file:/i.test(uri)) return '';
  try {
    const file = fileURLToPath(uri);
    return file.includes('\0') ? undefined : file;
  } catch {
    return undefined;
  }
}
