// Chats and streams through the gateway with the official openai package (6.x), first without auth, then after
// turning key-auth on for vllm-service the way the usage guide does, using only `apiKey` (sent as
// "Authorization: Bearer ...", which the gateway's key-auth accepts). Exits 1 on any surprise.
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

async function chat(client, label) {
  const response = await client.chat.completions.create({
    model, messages: [{ role: 'user', content: `hello from ${label}` }],
  });
  return response.choices[0].message.content;
}

async function streamChat(client, label) {
  const stream = await client.chat.completions.create({
    model, messages: [{ role: 'user', content: `stream for ${label}` }], stream: true,
  });
  let text = '';
  let chunks = 0;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    chunks++;
  }
  return { text, chunks };
}

async function admin(method, path, form) {
  const response = await fetch(`${gateway}/admin-api${path}`, {
    method,
    headers: { apikey: adminKey, ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
    body: form ? new URLSearchParams(form) : undefined,
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
console.log('all good');
