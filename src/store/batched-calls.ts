/**
 * Calls made while an earlier one is on its way to the database go together in the next round
 * trip (group commit): a lone call goes at once, and a burst of events costs a few round trips
 * rather than one each, so it does not queue in the pool past the pool's timeout (which would
 * send de-duplication to memory, and retries to other replicas would be answered twice).
 */
export class BatchedCalls<In, Out> {
  private waiting: { input: In; resolve: (output: Out) => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  constructor(
    /** Runs one batch; returns one output per input, in order. */
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch = 500,
  ) {}

  call(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const outputs = await this.run(batch.map((waiter) => waiter.input));
        for (const [i, waiter] of batch.entries()) waiter.resolve(outputs[i] as Out);
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.running = false;
  }
}
