/** Decision 1: the invocation model (push / poll) and type (RequestResponse / Event). */
import { ARTICLE_2019, CONCURRENCY, EVENT_SOURCES, LIMITS, references } from '../facts/index.ts';
import type { Design, Rationale } from '../design.ts';
import type { Context } from './context.ts';
import { num } from './format.ts';
import { article, perTime } from '../format.ts';

export interface InvocationDecision {
  readonly value: Design['invocation'];
  readonly rationale: Rationale;
}

/** "6 MB each way", "1 MB each way", "6 MB each way (200 MB for a streamed response)": the source's own caps. */
function payloadCap(c: Context): string {
  const most = (dir: 'request' | 'response', pick: (a: number, b: number) => number): number | null =>
    c.src.payload.filter((p) => p.direction === dir).reduce<number | null>((acc, p) => (acc === null ? p.kb : pick(acc, p.kb)), null);
  const request = most('request', Math.min) ?? LIMITS.syncPayloadMb.value * 1_024;
  const response = most('response', Math.min) ?? request;
  const streamed = c.src.streaming === null ? null : most('response', Math.max);
  const mbOf = (kb: number): string => `${num(kb / 1_024)} MB`;
  return (
    (request === response ? `${mbOf(request)} each way` : `${mbOf(request)} in, ${mbOf(response)} out`) +
    (streamed !== null && streamed > response ? ` (${mbOf(streamed)} for a streamed response)` : '')
  );
}

export function decideInvocation(c: Context): InvocationDecision {
  const { label, s, src } = c;
  const inv = src.invocation;
  const rate = `${perTime(c.avgRate)} on average${c.peakGiven ? `, ${perTime(c.peakRate)} at peak` : ''}`;
  const A = article(label) === 'an' ? 'An' : 'A';
  if (inv.model === 'push' && inv.type === 'RequestResponse') {
    return {
      value: inv,
      rationale: {
        title: 'Invocation',
        summary: 'Push, synchronous (RequestResponse)',
        why:
          `${A} ${label} invokes the function synchronously and waits for its answer (${rate}). ` +
          `Lambda does not retry a failed synchronous call: the caller sees the error and owns any retry. ` +
          `Each concurrent request needs its own execution environment, so concurrency follows request rate × duration; ` +
          `a function scales by up to ${num(CONCURRENCY.scalingPerTenSeconds.value)} environments every 10 seconds, and requests beyond that or beyond its concurrency limit are throttled with HTTP 429.`,
        tradeOff:
          `The caller waits for the whole duration and the payload is capped at ${payloadCap(c)}. ` +
          'Work the caller need not wait for is cheaper and more robust behind a queue or an asynchronous invoke.',
        references: references('lambdaServices', 'invoke', 'scaling', ...c.src.payload.flatMap((p) => p.references)),
      },
    };
  }
  if (inv.model === 'push') {
    return {
      value: inv,
      rationale: {
        title: 'Invocation',
        summary: 'Push, asynchronous (Event)',
        why:
          `${A} ${label} invokes the function asynchronously (${rate}): Lambda puts the event on its internal queue, answers at once, and runs the function later. ` +
          `On a function error Lambda retries up to ${EVENT_SOURCES.asyncRetriesMax.value} times; throttled events are kept and retried for up to ${num(EVENT_SOURCES.asyncEventAgeMaxSeconds.value / 3_600)} hours. ` +
          'Nobody waits for the answer, so cold starts cost money but not user-visible latency.',
        tradeOff:
          `Payloads are capped at ${num(LIMITS.asyncPayloadKb.value / 1_024)} MB; the event source gets no result, so failures must be caught by an on-failure destination, and retries mean the function can see an event more than once.`,
        references: references('lambdaServices', 'invoke', 'asyncPayload', 'eventInvokeConfig'),
        ...(s.traffic.payloadKb > ARTICLE_2019.asyncPayloadKb.value
          ? { articleCorrection: `Asynchronous payloads were ${num(ARTICLE_2019.asyncPayloadKb.value)} KB; since October 2025 they can be up to ${num(LIMITS.asyncPayloadKb.value / 1_024)} MB.` }
          : {}),
      },
    };
  }
  const queue = inv.pollerKind === 'queue';
  const scaling = src.scaling?.sentence ?? '';
  return {
    value: inv,
    rationale: {
      title: 'Invocation',
      summary: `Poll (event source mapping), synchronous batches from a ${queue ? 'queue' : 'stream'}`,
      why:
        `For a ${label} (${rate}) Lambda's own pollers read records and invoke the function synchronously with a batch. ` +
        `${scaling}. Delivery is at least once, and a failed batch is retried by the poller ` +
        (queue ? '(the message comes back after its visibility timeout).' : `(the ${src.lanes?.unit ?? 'stream'} waits until the batch succeeds or is given up).`),
      tradeOff:
        'The queue or stream absorbs bursts and protects what is downstream, at the price of some delay (batching window, polling) and of batch error handling.',
      references: references('lambdaServices', 'esmSemantics', ...(src.scaling ? [src.scaling.references] : [])),
      ...(src.articleCorrections.invocation !== null ? { articleCorrection: src.articleCorrections.invocation } : {}),
    },
  };
}
