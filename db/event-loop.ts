/**
 * Lets the event loop run once (a progress poll, a cancel, another call, a stream's callback) before a long piece
 * of work goes on: long writes and reads are cut into slices with this between them.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
