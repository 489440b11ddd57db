// Chats and streams through the gateway with the official openai package (6.x), first without auth, then after
// turning key-auth on for vllm-service the way the usage guide does, using only `apiKey` (sent as
// "Authorization: Bearer ...", which the gateway's key-auth accepts); then through ONE base URL, /v1, to both
// backends by model name (the ai-model-router plugin), and sees OpenAI-shaped errors for an unknown model and a
// bad key. Exits 1 on any surprise.
//
//   GATEWAY_URL=http://localhost:8000 GATEWAY_ADMIN_API_KEY=... node chat.mjs
import OpenAI from 'openai';

const gateway = (process.env.GATEWAY_URL ?? 'http://localhost:8000').replace(/\/$/, '');
const adminKey = process.env.GATEWAY_ADMIN_API_KEY ?? process.env.KONG_ADMIN_API_KEY;
const model = process.env.MODEL ?? 'your-model-name';
const appKey = `my-app-secret-key-${process.pid}`;

function check(condition, what) {
  if (!condition) {
    console.error(`FAILED: ${what}`);
    process.exit(1);
  }
  console.log(`ok: ${what}`);
}

async function chat(client, label, name = model) {
  const response = await client.chat.completions.create({
    model: name, messages: [{ role: 'user', content: `hello from ${label}` }],
  });
  return response.choices[0].message.content;
}

async function streamChat(client, label, name = model, extra = {}) {
  const stream = await client.chat.completions.create({
    model: name, messages: [{ role: 'user', content: `stream for ${label}` }], stream: true, ...extra,
  });
  let text = '';
  let chunks = 0;
  let emptyChoices = 0;
  let usage = null;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    if (chunk.choices.length === 0) emptyChoices++;
    if (chunk.usage) usage = chunk.usage;
    chunks++;
  }
  return { text, chunks, emptyChoices, usage };
}

async function admin(method, path, form, json) {
  const type = form ? 'application/x-www-form-urlencoded' : json ? 'application/json' : null;
  const response = await fetch(`${gateway}/admin-api${path}`, {
    method,
    headers: { apikey: adminKey, ...(type ? { 'Content-Type': type } : {}) },
    body: form ? new URLSearchParams(form) : json ? JSON.stringify(json) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const vllm = new OpenAI({ baseURL: `${gateway}/v1/vllm/v1`, apiKey: 'not-needed' });
const sglang = new OpenAI({ baseURL: `${gateway}/v1/sglang/v1`, apiKey: 'not-needed' });

// 1. Both routes, no auth: a chat and a stream each.
for (const [label, client] of [['vllm', vllm], ['sglang', sglang]]) {
  const content = await chat(client, label);
  check(content.includes(`hello from ${label}`), `${label} chat answered: "${content}"`);
  const { text, chunks } = await streamChat(client, label);
  check(chunks >= 3 && text.includes(`stream for ${label}`), `${label} stream: ${chunks} chunks, "${text}"`);
}
const models = await vllm.models.list();
check(models.data.length > 0, `vllm models: ${models.data.map((m) => m.id).join(', ')}`);

if (!adminKey) {
  console.log('GATEWAY_ADMIN_API_KEY is not set: skipping the key-auth part');
  process.exit(0);
}

// 2. Turn on key-auth for vllm-service and create a consumer with a key (the usage guide's three curl calls).
const plugin = await admin('POST', '/services/vllm-service/plugins', { name: 'key-auth' });
check(plugin.status === 201, `key-auth added to vllm-service (${plugin.status})`);
try {
  const consumer = await admin('POST', '/consumers', { username: `my-app-${process.pid}` });
  check(consumer.status === 201, `consumer my-app-${process.pid} created`);
  const key = await admin('POST', `/consumers/my-app-${process.pid}/key-auth`, { key: appKey });
  check(key.status === 201, 'key created for the consumer');

  // 3. Without a key the SDK gets Kong's 401; with apiKey alone (Bearer) it works, streaming included.
  try {
    await chat(vllm, 'no key');
    check(false, 'a request without a key is refused');
  } catch (e) {
    check(e instanceof OpenAI.AuthenticationError && e.status === 401, `no key -> 401 (${e.message})`);
  }
  const keyed = new OpenAI({ baseURL: `${gateway}/v1/vllm/v1`, apiKey: appKey });
  const content = await chat(keyed, 'bearer');
  check(content.includes('hello from bearer'), `chat with apiKey only (Bearer): "${content}"`);
  const { text, chunks } = await streamChat(keyed, 'bearer');
  check(chunks >= 3 && text.includes('stream for bearer'), `stream with apiKey only: ${chunks} chunks`);
  const sglangStillOpen = await chat(sglang, 'sglang-open');
  check(sglangStillOpen.includes('sglang-open'), 'sglang route still needs no key');
} finally {
  // Leave the gateway as we found it, so that the example can run again.
  await admin('DELETE', `/plugins/${plugin.body.id}`);
  await admin('DELETE', `/consumers/my-app-${process.pid}`);
}

// 4. One base URL for the fleet: a route /v1 whose ai-model-router sends each request to the backend serving
//    the body's model (fake-vllm behind vllm-service, fake-sglang behind sglang-service).
const fleetRoute = `fleet-${process.pid}`;
const route = await admin('POST', '/services/vllm-service/routes', { name: fleetRoute, 'paths[]': '/v1',
  strip_path: 'false' });
check(route.status === 201, `route ${fleetRoute} on /v1 created (${route.status})`);
const fleetPlugins = [];
try {
  const router = await admin('POST', `/routes/${fleetRoute}/plugins`, null, { name: 'ai-model-router', config: {
    models: [{ name: 'fake-vllm', service: 'vllm-service' }, { name: 'fake-sglang', service: 'sglang-service' }] } });
  fleetPlugins.push(router.body?.id);
  check(router.status === 201, `ai-model-router on ${fleetRoute} (${router.status} ${JSON.stringify(router.body)})`);
  const fleet = new OpenAI({ baseURL: `${gateway}/v1`, apiKey: 'not-needed' });
  const listed = (await fleet.models.list()).data.map((m) => m.id);
  check(listed.includes('fake-vllm') && listed.includes('fake-sglang'), `/v1/models lists both: ${listed.join(', ')}`);
  for (const backend of ['fake-vllm', 'fake-sglang']) {
    const content = await chat(fleet, `fleet-${backend}`, backend);
    check(content.startsWith(`${backend} heard:`), `model ${backend} answered by ${backend}: "${content}"`);
    const s = await streamChat(fleet, `fleet-${backend}`, backend);
    check(s.chunks >= 3 && s.text.startsWith(`${backend} heard:`) && s.emptyChoices === 0 && s.usage === null,
      `model ${backend} streams through /v1: ${s.chunks} chunks, no usage chunk the client did not ask for`);
  }
  const asked = await streamChat(fleet, 'usage', 'fake-sglang', { stream_options: { include_usage: true } });
  check(asked.usage && asked.usage.total_tokens > 0, `a client that asks gets the usage chunk: ${JSON.stringify(asked.usage)}`);
  try {
    await chat(fleet, 'nobody', 'no-such-model');
    check(false, 'an unknown model is refused');
  } catch (e) {
    check(e instanceof OpenAI.NotFoundError && e.code === 'model_not_found', `unknown model -> 404 ${e.code}: ${e.message}`);
  }

  // 5. key-auth on the fleet route: a bad key gets an OpenAI-shaped 401 the SDK can show.
  const auth = await admin('POST', `/routes/${fleetRoute}/plugins`, { name: 'key-auth' });
  fleetPlugins.push(auth.body?.id);
  check(auth.status === 201, 'key-auth on the fleet route');
  try {
    await chat(new OpenAI({ baseURL: `${gateway}/v1`, apiKey: 'a-bad-key' }), 'bad key', 'fake-vllm');
    check(false, 'a bad key is refused');
  } catch (e) {
    check(e instanceof OpenAI.AuthenticationError && e.status === 401 && e.type === 'authentication_error'
      && typeof e.error?.message === 'string', `bad key -> 401 ${e.type}: "${e.error?.message}"`);
  }
} finally {
  for (const id of fleetPlugins.filter(Boolean)) await admin('DELETE', `/plugins/${id}`);
  await admin('DELETE', `/routes/${fleetRoute}`);
}
console.log('all good');
