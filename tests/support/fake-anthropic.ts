import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * A local fake of the Anthropic Messages API (POST /v1/messages, GET /v1/models[/id]) for tests
 * and benchmarks: the real SDK talks to it over HTTP. It checks requests the way the API does
 * (key, version and content-type headers; body shape; a malformed one gets 400
 * invalid_request_error and is recorded with the reason), answers in
 * JSON or SSE, computes plausible prompt-cache usage, and plays scripted replies in order.
 */

export type ErrorStatus = 400 | 401 | 402 | 403 | 404 | 413 | 429 | 500 | 529;

export type FakeReply =
  /** A tool_use answer with exactly this input: valid or not against the tool's schema. */
  | { kind: 'tool'; input: unknown; name?: string }
  | { kind: 'text'; text: string }
  /** An HTTP error with the API's error body; 429 and 529 carry retry-after headers. */
  | { kind: 'error'; status: ErrorStatus; retryAfterMs?: number; message?: string }
  /** The default answer, cut off: the connection closes halfway through the body or stream. */
  | { kind: 'truncate' }
  /** What the fake answers without a script. */
  | { kind: 'default' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  /** Why the fake rejected the request as malformed (400), or null when it was well-formed. */
  invalid: string | null;
  status: number;
}

export interface FakeAnthropicOptions {
  /** Wait before the first byte of every answer (benchmarks: e.g. 200). */
  firstByteDelayMs?: number;
  /** Wait between SSE frames. */
  frameDelayMs?: number;
  /** When set, any other key gets 401; otherwise any non-empty key is accepted. */
  apiKey?: string;
  /** Model ids the fake knows; others get 404 not_found_error. */
  models?: string[];
  /** Smallest prefix, in estimated tokens, that is cached (the API's floor is 1024 to 4096 by model), or one per model. */
  minCacheTokens?: number | ((model: string) => number);
  /** Serve HTTPS with this key and certificate (a stand-in reached as api.anthropic.com over a real TLS connection). */
  tls?: { key: string; cert: string };
  /**
   * Another model behind the fake: for a forced tool call without a scripted reply, the tool input it returns is the
   * answer (undefined falls back to the defaults). The compromised-model harness plugs its obeying model in here.
   */
  responder?: (request: { system: string; user: string; tool: string; body: Record<string, unknown> }) => unknown;
}

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  /** Queues replies for the next calls, in order; once used up, calls get the default answer. */
  script(next: FakeReply[]): void;
  close(): Promise<void>;
}

export const FAKE_MODELS = ['claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-sonnet-4-6', 'claude-opus-4-5', 'claude-opus-4-6'];

const ERROR_TYPES: Record<ErrorStatus, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const TOP_LEVEL_KEYS = new Set([
  'model', 'max_tokens', 'messages', 'system', 'tools', 'tool_choice', 'stream', 'temperature', 'top_p', 'top_k',
  'stop_sequences', 'metadata', 'thinking', 'service_tier', 'container', 'mcp_servers', 'output_config',
  'context_management', 'inference_geo', 'speed', 'cache_control',
]);
const MAX_BREAKPOINTS = 4;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The fake's token estimate: about four characters a token, as for English text. */
const tokens = (text: string) => Math.ceil(text.length / 4);

// ---------- request validation ----------

function checkCacheControl(v: unknown, where: string): string | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v) || v.type !== 'ephemeral') return `${where}.cache_control.type: Input should be 'ephemeral'`;
  if (v.ttl !== undefined && v.ttl !== '5m' && v.ttl !== '1h') return `${where}.cache_control.ttl: Input should be '5m' or '1h'`;
  return null;
}

function checkBlock(block: unknown, where: string, role: string): string | null {
  if (!isObject(block)) return `${where}: Input should be a valid dictionary`;
  const cache = checkCacheControl(block.cache_control, where);
  if (cache) return cache;
  switch (block.type) {
    case 'text':
      if (typeof block.text !== 'string') return `${where}.text: Field required`;
      if (block.text.trim() === '') return `${where}: text content blocks must contain non-whitespace text`;
      return null;
    case 'tool_use':
      if (role !== 'assistant') return `${where}: tool_use blocks are only allowed in assistant messages`;
      if (typeof block.id !== 'string' || typeof block.name !== 'string' || !isObject(block.input)) return `${where}: tool_use needs id, name and an object input`;
      return null;
    case 'tool_result':
      if (role !== 'user') return `${where}: tool_result blocks are only allowed in user messages`;
      if (typeof block.tool_use_id !== 'string') return `${where}.tool_use_id: Field required`;
      if (block.is_error !== undefined && typeof block.is_error !== 'boolean') return `${where}.is_error: Input should be a valid boolean`;
      if (block.content !== undefined && typeof block.content !== 'string' && !Array.isArray(block.content)) return `${where}.content: Input should be a string or a list`;
      return null;
    case 'image':
    case 'document':
      return null;
    default:
      return `${where}.type: Input tag '${String(block.type)}' does not match any of the expected tags`;
  }
}

const blocksOf = (content: unknown): Json[] => (Array.isArray(content) ? content.filter(isObject) : []);

function checkMessages(messages: unknown): string | null {
  if (!Array.isArray(messages) || messages.length === 0) return 'messages: at least one message is required';
  for (const [i, m] of messages.entries()) {
    if (!isObject(m)) return `messages.${i}: Input should be a valid dictionary`;
    if (m.role !== 'user' && m.role !== 'assistant') return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    if (typeof m.content === 'string') {
      if (m.content === '') return `messages.${i}: all messages must have non-empty content`;
      continue;
    }
    if (!Array.isArray(m.content) || m.content.length === 0) return `messages.${i}: all messages must have non-empty content`;
    for (const [j, b] of m.content.entries()) {
      const problem = checkBlock(b, `messages.${i}.content.${j}`, m.role);
      if (problem) return problem;
    }
    // Every tool_use must be answered by a tool_result in the next message, and only those.
    const uses = blocksOf(m.content).filter((b) => b.type === 'tool_use').map((b) => b.id);
    const next = messages[i + 1];
    const results = isObject(next) ? blocksOf(next.content).filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id) : [];
    if (uses.length > 0 && uses.some((id) => !results.includes(id))) {
      return `messages.${i + 1}: tool_use ids were found without tool_result blocks immediately after: ${uses.join(', ')}`;
    }
    const previous = messages[i - 1];
    const answered = isObject(previous) ? blocksOf(previous.content).filter((b) => b.type === 'tool_use').map((b) => b.id) : [];
    const orphan = blocksOf(m.content).find((b) => b.type === 'tool_result' && !answered.includes(b.tool_use_id));
    if (orphan) return `messages.${i}.content: unexpected tool_use_id found in tool_result blocks: ${String(orphan.tool_use_id)}`;
  }
  if (isObject(messages[0]) && messages[0].role !== 'user') return 'messages: first message must use the "user" role';
  return null;
}

function checkTools(tools: unknown, toolChoice: unknown): string | null {
  if (tools !== undefined) {
    if (!Array.isArray(tools)) return 'tools: Input should be a valid list';
    const names = new Set<string>();
    for (const [i, t] of tools.entries()) {
      if (!isObject(t)) return `tools.${i}: Input should be a valid dictionary`;
      if (typeof t.name !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(t.name)) return `tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`;
      if (names.has(t.name)) return `tools: Tool names must be unique`;
      names.add(t.name);
      if (!isObject(t.input_schema) || t.input_schema.type !== 'object') return `tools.${i}.input_schema.type: Input should be 'object'`;
      if (t.description !== undefined && typeof t.description !== 'string') return `tools.${i}.description: Input should be a valid string`;
      if (t.eager_input_streaming !== undefined && t.eager_input_streaming !== null && typeof t.eager_input_streaming !== 'boolean') return `tools.${i}.eager_input_streaming: Input should be a valid boolean`;
      const cache = checkCacheControl(t.cache_control, `tools.${i}`);
      if (cache) return cache;
    }
  }
  if (toolChoice === undefined) return null;
  if (!isObject(toolChoice) || !['auto', 'any', 'tool', 'none'].includes(String(toolChoice.type))) return "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'";
  if ((toolChoice.type === 'tool' || toolChoice.type === 'any') && (!Array.isArray(tools) || tools.length === 0)) return 'tool_choice: tools must be provided when tool_choice is any or tool';
  if (toolChoice.type === 'tool' && !(tools as Json[]).some((t) => t.name === toolChoice.name)) return `tool_choice.name: Tool '${String(toolChoice.name)}' not found in tools`;
  return null;
}

function checkSystem(system: unknown): string | null {
  if (system === undefined || typeof system === 'string') return null;
  if (!Array.isArray(system)) return 'system: Input should be a valid string or list';
  for (const [i, b] of system.entries()) {
    if (!isObject(b) || b.type !== 'text') return `system.${i}.type: Input should be 'text'`;
    const problem = checkBlock(b, `system.${i}`, 'system');
    if (problem) return problem;
  }
  return null;
}

/** The pieces of a request in the order the API renders them (tools, system, messages): the unit of prompt caching. */
function segments(body: Json): Array<{ text: string; breakpoint: boolean }> {
  const all: Json[] = [
    ...blocksOf(body.tools),
    ...(typeof body.system === 'string' ? [{ type: 'text', text: body.system }] : blocksOf(body.system)),
    ...(Array.isArray(body.messages)
      ? body.messages.filter(isObject).flatMap((m) => (typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : blocksOf(m.content)))
      : []),
  ];
  return all.map(({ cache_control, ...rest }) => ({ text: JSON.stringify(rest), breakpoint: isObject(cache_control) }));
}

export function checkMessagesBody(body: unknown): string | null {
  if (!isObject(body)) return 'The request body is not valid JSON';
  const extra = Object.keys(body).find((k) => !TOP_LEVEL_KEYS.has(k));
  if (extra) return `${extra}: Extra inputs are not permitted`;
  if (typeof body.model !== 'string' || body.model === '') return 'model: Field required';
  if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1) return 'max_tokens: Input should be a positive integer';
  if (body.stream !== undefined && typeof body.stream !== 'boolean') return 'stream: Input should be a valid boolean';
  const problem = checkSystem(body.system) ?? checkMessages(body.messages) ?? checkTools(body.tools, body.tool_choice);
  if (problem) return problem;
  const breakpoints = segments(body).filter((s) => s.breakpoint).length;
  if (breakpoints > MAX_BREAKPOINTS) return `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`;
  return null;
}

// ---------- default answers ----------

const textOf = (body: Json): { system: string; user: string } => ({
  system: typeof body.system === 'string' ? body.system : blocksOf(body.system).map((b) => String(b.text)).join('\n'),
  user: (Array.isArray(body.messages) ? body.messages.filter(isObject) : [])
    .filter((m) => m.role === 'user')
    .flatMap((m) => (typeof m.content === 'string' ? [m.content] : blocksOf(m.content).map((b) => String(b.text ?? b.content ?? ''))))
    .join('\n'),
});

/** A classification from plain keyword rules, so end-to-end runs get a valid, predictable answer. */
function defaultClassification(body: Json): Json {
  const { system, user } = textOf(body);
  const lower = user.toLowerCase();
  // The categories the product sent, as its lanes block lists them: "- <id>: <label>; owner: <owner>...".
  const categories = [...system.matchAll(/<lane id="([^"]+)">([\s\S]*?)<\/lane>/g)].flatMap(([, laneId, block]) =>
    [...block!.matchAll(/^- ([a-z][a-z0-9_]*): [^;\n]*; owner: ([^;\n]+)/gm)].map(([, id, owner]) => ({ id: id!, owner: owner!.trim(), lane: laneId! })),
  );
  const refundish = /refund/.test(user.toLowerCase());
  const chosen = (refundish && categories.find((c) => c.id.includes('refund'))) || categories.find((c) => /general|question/.test(c.id)) || categories[0];
  const lane = chosen?.lane ?? /<lane id="([^"]+)">/.exec(system)?.[1] ?? 'shared-inbox-triage';
  const owner = chosen?.owner ?? 'Support queue';
  const subject = /Subject: (.*)/.exec(user)?.[1]?.trim() ?? '';
  const refund = /refund/.test(lower);
  const evidence = /[^.\n]*refund[^.\n]*/i.exec(user)?.[0]?.trim() ?? '';
  const urgent = /\b(urgent|asap|outage|down)\b/.test(lower);
  return {
    lane: { value: lane, confidence: 0.8 },
    category: { value: chosen?.id ?? 'general_question', confidence: 0.75 },
    intent: { value: refund ? 'refund request' : 'question', confidence: 0.7 },
    urgency: { value: urgent ? 'P1' : refund ? 'P2' : 'P3', reason: urgent ? 'The customer says it is urgent.' : 'A normal request.', confidence: 0.7 },
    sentiment: { value: /angry|unacceptable|disappointed|frustrat/.test(lower) ? 'negative' : 'neutral', confidence: 0.6 },
    language: { value: /\b(und|nicht|bitte|ich)\b/.test(lower) ? 'de' : 'en', confidence: 0.9 },
    summary: `Customer writes about "${subject}".\n${refund ? 'Asks for a refund.' : 'Asks a question.'}`.slice(0, 400),
    riskFlags: refund ? [{ flag: 'refund', evidence, confidence: 0.9 }] : [],
    owner: { value: owner, confidence: 0.6 },
  };
}

/** A draft citing the first passage when any was given, abstaining otherwise. */
function defaultDraft(body: Json): Json {
  const { user } = textOf(body);
  const passages = (user.match(/<passage n="/g) ?? []).length;
  const refund = /refund/i.test(user);
  const sentences: Json[] = [{ text: 'Hello,', citations: [], kind: 'greeting' }];
  if (passages > 0) sentences.push({ text: 'Thank you for your message; here is what our policy says about your request.', citations: [1], kind: 'claim' });
  else sentences.push({ text: 'Thank you for your message; a colleague will follow up shortly.', citations: [], kind: 'escalation' });
  if (refund) sentences.push({ text: '[Rep: confirm whether a refund applies and its amount.]', citations: [], kind: 'placeholder' });
  sentences.push({ text: 'Best regards,', citations: [], kind: 'closing' });
  return { sentences, abstained: passages === 0, escalateTo: passages === 0 ? 'Support lead' : null };
}

/** The smallest value that satisfies a JSON Schema, for tools the fake has no rule for. */
function exampleFor(schema: unknown): unknown {
  if (!isObject(schema)) return null;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const props = isObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
      return Object.fromEntries(required.map((k) => [k, exampleFor(props[k])]));
    }
    case 'array': return [];
    case 'string': return 'example';
    case 'number':
    case 'integer': return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean': return false;
    default: return null;
  }
}

interface Answer {
  content: Json[];
  stopReason: 'tool_use' | 'end_turn';
}

function answerFor(body: Json, reply: FakeReply, nextId: () => string, responder: FakeAnthropicOptions['responder']): Answer {
  const tools = blocksOf(body.tools);
  const choice = isObject(body.tool_choice) ? body.tool_choice : null;
  const forced = choice?.type === 'tool' ? String(choice.name) : choice?.type === 'any' ? String(tools[0]?.name) : null;
  if (reply.kind === 'text') return { content: [{ type: 'text', text: reply.text }], stopReason: 'end_turn' };
  if (reply.kind === 'tool') {
    const name = reply.name ?? forced ?? String(tools[0]?.name ?? 'tool');
    return { content: [{ type: 'tool_use', id: nextId(), name, input: reply.input }], stopReason: 'tool_use' };
  }
  if (!forced) return { content: [{ type: 'text', text: 'Hello from the fake Anthropic API.' }], stopReason: 'end_turn' };
  const schema = tools.find((t) => t.name === forced)?.input_schema;
  const custom = responder?.({ ...textOf(body), tool: forced, body });
  const input = custom !== undefined ? custom : forced === 'record_classification' ? defaultClassification(body) : forced === 'write_draft' ? defaultDraft(body) : exampleFor(schema);
  return { content: [{ type: 'tool_use', id: nextId(), name: forced, input }], stopReason: 'tool_use' };
}

// ---------- the server ----------

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Closes the connection mid-answer, after what was written has reached the client. */
async function cutOff(res: ServerResponse): Promise<void> {
  await new Promise<void>((resolve) => res.write('', () => resolve()));
  await sleep(20);
  res.destroy();
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export async function startFakeAnthropic(opts: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  const models = opts.models ?? FAKE_MODELS;
  /** Cached prefixes: hash of model + prefix → its token count. */
  const cache = new Map<string, number>();
  let ids = 0;
  const nextId = () => `toolu_fake_${(++ids).toString().padStart(6, '0')}`;

  function sendError(res: ServerResponse, status: ErrorStatus, message: string, retryAfterMs?: number): void {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': `req_fake_${ids}` };
    if (status === 429 || status === 529) {
      const ms = retryAfterMs ?? 1000;
      headers['retry-after'] = String(Math.ceil(ms / 1000));
      // Not sent by the real API; the SDK honours it, which keeps retry tests fast.
      headers['retry-after-ms'] = String(ms);
    }
    res.writeHead(status, headers).end(JSON.stringify({ type: 'error', error: { type: ERROR_TYPES[status], message } }));
  }

  function usageFor(body: Json, output: number): Json {
    const parts = segments(body);
    const min = typeof opts.minCacheTokens === 'function' ? opts.minCacheTokens(String(body.model)) : (opts.minCacheTokens ?? 0);
    let total = 0;
    const prefixes: Array<{ key: string; tokens: number }> = [];
    const hash = createHash('sha256').update(String(body.model));
    for (const part of parts) {
      total += tokens(part.text);
      hash.update(part.text);
      if (part.breakpoint) prefixes.push({ key: hash.copy().digest('hex'), tokens: total });
    }
    const read = Math.max(0, ...prefixes.filter((p) => cache.has(p.key)).map((p) => p.tokens));
    const last = prefixes.at(-1);
    let write = 0;
    if (last && !cache.has(last.key) && last.tokens >= min) {
      write = last.tokens - read;
      for (const p of prefixes) if (p.tokens >= min) cache.set(p.key, p.tokens);
    }
    return {
      input_tokens: total - read - write,
      output_tokens: output,
      cache_creation_input_tokens: write,
      cache_read_input_tokens: read,
      cache_creation: { ephemeral_5m_input_tokens: write, ephemeral_1h_input_tokens: 0 },
      service_tier: 'standard',
    };
  }

  async function sendMessage(res: ServerResponse, body: Json, reply: FakeReply): Promise<void> {
    const answer = answerFor(body, reply, nextId, opts.responder);
    const output = tokens(JSON.stringify(answer.content));
    const message = {
      id: `msg_fake_${ids}_${requests.length}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content: answer.content,
      stop_reason: answer.stopReason,
      stop_sequence: null,
      usage: usageFor(body, output),
    };
    const truncate = reply.kind === 'truncate';
    if (body.stream !== true) {
      const json = JSON.stringify(message);
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_fake_${ids}` });
      if (truncate) {
        res.write(json.slice(0, json.length / 2));
        await cutOff(res);
        return;
      }
      res.end(json);
      return;
    }
    const frames: Array<[string, Json]> = [
      ['message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 1 } } }],
    ];
    answer.content.forEach((block, index) => {
      const start = block.type === 'tool_use' ? { ...block, input: {} } : { type: 'text', text: '' };
      frames.push(['content_block_start', { type: 'content_block_start', index, content_block: start }]);
      if (index === 0) frames.push(['ping', { type: 'ping' }]);
      const deltas =
        block.type === 'tool_use'
          ? chunks(JSON.stringify(block.input), 12).map((partial_json) => ({ type: 'input_json_delta', partial_json }))
          : chunks(String(block.text), 8).map((text) => ({ type: 'text_delta', text }));
      for (const delta of deltas) frames.push(['content_block_delta', { type: 'content_block_delta', index, delta }]);
      frames.push(['content_block_stop', { type: 'content_block_stop', index }]);
    });
    frames.push(
      ['message_delta', { type: 'message_delta', delta: { stop_reason: answer.stopReason, stop_sequence: null }, usage: { output_tokens: output } }],
      ['message_stop', { type: 'message_stop' }],
    );
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': `req_fake_${ids}` });
    const cut = truncate ? Math.floor(frames.length / 2) : frames.length;
    for (const [event, data] of frames.slice(0, cut)) {
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      if (opts.frameDelayMs) await sleep(opts.frameDelayMs);
    }
    if (truncate) await cutOff(res);
    else res.end();
  }

  function modelInfo(id: string): Json {
    return { type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z', deprecated_at: null, capabilities: null };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await new Promise<string>((resolve, reject) => {
      let data = '';
      req.setEncoding('utf8').on('data', (c: string) => (data += c)).on('end', () => resolve(data)).on('error', reject);
    });
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw; // recorded as text; checkMessagesBody reports it as not JSON
    }
    const record: RecordedRequest = { method: req.method ?? 'GET', path, headers, body, invalid: null, status: 200 };
    requests.push(record);
    const reject = (status: ErrorStatus, message: string) => {
      record.status = status;
      if (status === 400) record.invalid = message;
      sendError(res, status, message);
    };

    if (opts.firstByteDelayMs) await sleep(opts.firstByteDelayMs);
    // The API takes the key as x-api-key or, as SDK 1.x sends it, Authorization: Bearer.
    const key = headers['x-api-key'] || /^Bearer (.+)$/.exec(headers['authorization'] ?? '')?.[1] || '';
    if (!key) return reject(401, 'x-api-key or authorization header is required');
    if (opts.apiKey !== undefined && key !== opts.apiKey) return reject(401, 'invalid x-api-key');
    if (!headers['anthropic-version']) return reject(400, 'anthropic-version: header is required');

    const isMessages = req.method === 'POST' && path === '/v1/messages';
    const modelPath = /^\/v1\/models(?:\/([^/]+))?$/.exec(path);
    if (!isMessages && !(req.method === 'GET' && modelPath)) return reject(404, `Not found: ${req.method} ${path}`);
    if (isMessages) {
      if (!headers['content-type']?.startsWith('application/json')) return reject(400, 'content-type must be application/json');
      const problem = checkMessagesBody(body);
      if (problem) return reject(400, problem);
    }

    const reply = queue.shift() ?? { kind: 'default' };
    if (reply.kind === 'error') {
      record.status = reply.status;
      return sendError(res, reply.status, reply.message ?? `Scripted ${ERROR_TYPES[reply.status]}`, reply.retryAfterMs);
    }
    if (isMessages) {
      const model = String((body as Json).model);
      if (!models.includes(model)) return reject(404, `model: ${model}`);
      return sendMessage(res, body as Json, reply);
    }
    const id = modelPath?.[1];
    if (id === undefined) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: models.map(modelInfo), has_more: false, first_id: models[0] ?? null, last_id: models.at(-1) ?? null }));
      return;
    }
    const model = decodeURIComponent(id);
    if (!models.includes(model)) return reject(404, `model: ${model}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(modelInfo(model)));
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      // A fault in the fake itself must fail the test loudly, not hang it.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: `fake-anthropic fault: ${String(error)}` } }));
    });
  };
  const server = opts.tls ? createTlsServer(opts.tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    script: (next) => void queue.push(...next),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
