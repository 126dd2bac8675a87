/**
 * Reads a response body into memory, giving up (and closing the connection) as soon as it
 * grows past `maxBytes`, so that a file larger than announced cannot fill the memory.
 */
export async function readAtMost(
  response: Response,
  maxBytes: number,
  tooLarge: (size: number) => Error,
): Promise<Buffer> {
  const announced = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(announced) && announced > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(announced);
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(size);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
