/**
 * When each pushed document was sent and when each stream received it: the latencies of every (document, stream)
 * pair, and of each document until the last stream had it. Documents are numbered 0, 1, 2… in the order sent.
 */
export class DeliveryLog {
  readonly #streams: number
  readonly #sentAt: number[] = []
  readonly #arrivals: number[] = []
  readonly #lastArrivalAt: number[] = []
  readonly #pairLatencies: number[] = []

  constructor(streams: number) {
    this.#streams = streams
  }

  sent(document: number, at: number): void {
    this.#sentAt[document] = at
    this.#arrivals[document] = 0
  }

  /** One stream received `document` at `at`; a document that was never sent is ignored. */
  received(document: number, at: number): void {
    const sentAt = this.#sentAt[document]
    if (sentAt === undefined) return
    this.#arrivals[document] = (this.#arrivals[document] ?? 0) + 1
    this.#lastArrivalAt[document] = Math.max(this.#lastArrivalAt[document] ?? at, at)
    this.#pairLatencies.push(at - sentAt)
  }

  get documentsSent(): number {
    return this.#sentAt.length
  }

  /** (document, stream) pairs sent but not (yet) received. */
  get missing(): number {
    return this.#streams * this.#sentAt.length - this.#pairLatencies.length
  }

  pairLatencies(): number[] {
    return this.#pairLatencies
  }

  /** From sent until the last stream had it, for each document every stream received. */
  lastArrivalLatencies(): number[] {
    return this.#sentAt.flatMap((sentAt, document) =>
      this.#arrivals[document] === this.#streams ? [(this.#lastArrivalAt[document] as number) - sentAt] : [],
    )
  }
}
