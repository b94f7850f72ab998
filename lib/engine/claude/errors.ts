import Anthropic from '@anthropic-ai/sdk';
import type { AppError } from '@/lib/schemas/errors';

const OPTIONS_ENGINE = 'Check it in Options → Engine.';

function error(code: string, message: string, nextStep: string, retryAfterMs?: number): AppError {
  return retryAfterMs === undefined ? { code, message, nextStep } : { code, message, nextStep, retryAfterMs };
}

/** How long the API asked us to wait, from retry-after-ms or retry-after (seconds or a date). */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Turns what the SDK threw (after its own retries) into an error a rep can act on. midStream: the
 * answer had started streaming when it was thrown.
 * Messages are ours, never the API's or the SDK's text, so a key echoed back can never show.
 */
export function toAppError(thrown: unknown, model: string, midStream = false): AppError {
  if (thrown instanceof Anthropic.APIUserAbortError) {
    return error('claude.cancelled', 'The request to Claude was cancelled.', 'Open the thread again to retry.');
  }
  // Once an answer has started, a lost connection is a broken answer, not an unreachable API.
  if (midStream && (thrown instanceof Anthropic.APIConnectionError || !(thrown instanceof Anthropic.APIError))) {
    return streamBroken();
  }
  // Timeout before connection errors: it is a subclass of APIConnectionError.
  if (thrown instanceof Anthropic.APIConnectionTimeoutError) {
    return error('claude.timeout', 'Claude did not answer in time.', 'Try again in a moment, or switch to the local engine.');
  }
  if (thrown instanceof Anthropic.APIConnectionError) {
    return error(
      'claude.offline',
      'Could not reach Claude: the network or the API base URL is unreachable.',
      `Check your connection and the base URL. ${OPTIONS_ENGINE} The local engine works offline.`,
    );
  }
  if (thrown instanceof Anthropic.APIError) {
    const status = thrown.status;
    if (status === 401) return error('claude.bad_key', 'Claude rejected the API key.', `Check your key in Options → Engine.`);
    if (status === 403) {
      return error('claude.forbidden', 'This API key is not allowed to use this model or feature.', `Check the key's workspace permissions, or the model. ${OPTIONS_ENGINE}`);
    }
    if (status === 404) {
      return error('claude.model_not_found', `Claude does not know the model "${model}", or the base URL is wrong.`, `Check the model name in Options → Engine.`);
    }
    if (status === 429 || status === 529) {
      const why = status === 429 ? 'Claude is rate-limiting this key' : 'Claude is overloaded';
      return error('claude.busy', `${why}, even after retrying.`, 'Wait a little and try again, or use the local engine meanwhile.', retryAfterMs(thrown.headers));
    }
    if (status === 400 || status === 413) {
      return error('claude.bad_request', 'Claude could not accept this request (it may be too long).', 'Try a shorter thread, or report this to your admin.');
    }
    if (status !== undefined && status >= 500) {
      return error('claude.server_error', `Claude had an internal error (${status}).`, 'Try again in a moment, or use the local engine.');
    }
    return error('claude.api_error', `Claude answered with an unexpected error${status === undefined ? '' : ` (${status})`}.`, 'Try again; if it persists, use the local engine.');
  }
  // Anything else thrown while reading an answer: the stream broke or was not well-formed.
  return streamBroken();
}

export function streamBroken(): AppError {
  return error('claude.stream_broken', 'The answer from Claude was cut off or could not be read.', 'Try again; if it persists, use the local engine.');
}

export function badOutput(what: string): AppError {
  return error('claude.bad_output', `Claude's ${what} did not have the expected shape, even after one correction.`, 'Try again, or use the local engine for this thread.');
}
