// A stand-in for a vLLM or SGLang server, Node built-ins only, so the example (and .ci/run) works without a GPU.
// Answers like an OpenAI-compatible server: GET /v1/models, POST /v1/chat/completions (JSON, or SSE with
// "stream": true: one chunk per word, 20 ms apart, then, like vLLM, a usage chunk with empty choices only when
// the request has stream_options.include_usage, then "data: [DONE]"). It names itself in every answer
// ("fake-vllm" / "fake-sglang") so the client can tell which route it went through.
//
//   node fake-llm.mjs --port 8080 --name fake-vllm
import http from 'node:http';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const port = Number(arg('port', '8080'));
const name = arg('name', 'fake-vllm');
const host = arg('host', '127.0.0.1');

const words = (prompt) => `${name} heard: ${prompt}`.split(' ');

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/v1/models') {
      return json(res, 200, { object: 'list', data: [{ id: name, object: 'model', owned_by: name }] });
    }
    if (req.method === 'POST' && req.url === '/v1/chat/completions') {
      let request;
      try {
        request = JSON.parse(body);
      } catch {
        return json(res, 400, { error: { message: 'invalid JSON body' } });
      }
      const last = (request.messages ?? []).at(-1)?.content ?? '';
      const seenAuth = req.headers['authorization'] ? 'with-authorization' : 'no-authorization';
      const usage = request.stream_options?.include_usage === true;
      return request.stream ? stream(res, words(last), seenAuth, usage)
        : json(res, 200, completion(words(last).join(' '), seenAuth));
    }
    json(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
  });
});

function completion(text, seenAuth) {
  return {
    id: 'chatcmpl-fake', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: name,
    system_fingerprint: seenAuth,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: text.split(' ').length, total_tokens: 1 + text.split(' ').length },
  };
}

function stream(res, parts, seenAuth, usage) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  let i = 0;
  const timer = setInterval(() => {
    if (i < parts.length) {
      const chunk = {
        id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: name,
        system_fingerprint: seenAuth,
        choices: [{ index: 0, delta: { content: (i ? ' ' : '') + parts[i] }, finish_reason: null }],
      };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      i++;
      return;
    }
    clearInterval(timer);
    if (usage) {
      const last = {
        id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: name,
        choices: [], usage: { prompt_tokens: 1, completion_tokens: parts.length, total_tokens: 1 + parts.length },
      };
      res.write(`data: ${JSON.stringify(last)}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  }, 20);
  res.on('close', () => clearInterval(timer));
}

function json(res, status, value) {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

server.listen(port, host, () => console.log(`${name} listening on http://${host}:${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
