package dev.llmgateway.internal.llm;

import java.nio.charset.StandardCharsets;

/**
 * A push parser for one OpenAI-format JSON document fed in pieces of any size: it keeps no document, only a
 * path of known keys, and picks out the top-level {@code model}, the {@code usage} counts, whether the document
 * carries output ({@code choices[].delta.content}, {@code choices[].text}, {@code choices[].message.content},
 * tool calls, {@code data[]} of embeddings), and whether {@code choices} is empty. Input that is not JSON sets
 * {@link #failed()} and is ignored from there on.
 */
final class UsageReader implements ArrayFeed {
  private static final int MAX_DEPTH = 64;
  private static final int MAX_KEY = 32;
  private static final int MAX_MODEL = 256;

  // Known keys; 0 is any other key.
  static final byte OTHER = 0;
  static final byte MODEL = 1;
  static final byte USAGE = 2;
  static final byte CHOICES = 3;
  static final byte DELTA = 4;
  static final byte CONTENT = 5;
  static final byte TEXT = 6;
  static final byte PROMPT_TOKENS = 7;
  static final byte COMPLETION_TOKENS = 8;
  static final byte TOTAL_TOKENS = 9;
  static final byte MESSAGE = 10;
  static final byte TOOL_CALLS = 11;
  static final byte DATA = 12;
  static final byte REASONING_CONTENT = 13;
  static final byte STREAM = 14;
  static final byte STREAM_OPTIONS = 15;
  static final byte INCLUDE_USAGE = 16;
  static final byte MAX_TOKENS = 17;
  static final byte MAX_COMPLETION_TOKENS = 18;
  private static final byte[][] KEYS = {
      null, bytes("model"), bytes("usage"), bytes("choices"), bytes("delta"), bytes("content"), bytes("text"),
      bytes("prompt_tokens"), bytes("completion_tokens"), bytes("total_tokens"), bytes("message"),
      bytes("tool_calls"), bytes("data"), bytes("reasoning_content"), bytes("stream"), bytes("stream_options"),
      bytes("include_usage"), bytes("max_tokens"), bytes("max_completion_tokens")};

  // The parser's states, as ints: a switch on them is a jump table, where an enum switch reads its ordinal map.
  private static final int VALUE = 0;
  private static final int STRING = 1;
  private static final int ESCAPE = 2;
  private static final int SCALAR = 3;
  private static final int AFTER_VALUE = 4;
  private static final int COLON = 5;
  private static final int SKIP = 6;

  private final boolean[] isObject = new boolean[MAX_DEPTH + 1];
  private final byte[] keyAt = new byte[MAX_DEPTH + 1];
  private final int[] count = new int[MAX_DEPTH + 1];
  private final byte[] key = new byte[MAX_KEY];
  private final byte[] model = new byte[MAX_MODEL];
  private int state;
  private int depth;
  private boolean expectKey;
  private boolean stringIsKey;
  private int keyLen;
  private int modelLen;
  private boolean captureModel;
  private int stringLen;
  private int scalarTarget;
  private long scalarValue;
  private boolean scalarDigits;
  private int scalarLen;
  private long pos;
  private boolean failed;
  private boolean ended;
  private String modelText;
  private long promptTokens;
  private long completionTokens;
  private long totalTokens;
  private boolean usageObject;
  private boolean output;
  private int choicesCount;
  private boolean choicesSeen;
  private long modelFrom;
  private long modelTo;
  private boolean modelEscaped;
  private boolean streamTrue;
  private boolean streamOptions;
  private boolean includeUsage;
  private long maxTokens;
  private byte scalarFirst;
  // A container under a key nothing here reads (a request's messages, a response's logprobs) is skipped by
  // counting brackets outside strings: most of a chat body, read at the speed of a byte scan.
  private int skipDepth;
  private boolean skipString;
  private boolean skipEscape;

  UsageReader() {
    reset();
  }

  /** Starts over for the next document. */
  void reset() {
    state = VALUE;
    depth = 0;
    expectKey = false;
    keyLen = 0;
    modelLen = 0;
    captureModel = false;
    pos = 0;
    failed = false;
    ended = false;
    modelText = null;
    promptTokens = -1;
    completionTokens = -1;
    totalTokens = -1;
    usageObject = false;
    output = false;
    choicesCount = 0;
    choicesSeen = false;
    modelFrom = -1;
    modelTo = -1;
    modelEscaped = false;
    streamTrue = false;
    streamOptions = false;
    includeUsage = false;
    maxTokens = -1;
  }

  @Override
  public void feed(byte[] b, int off, int len) {
    int end = off + len;
    for (int i = off; i < end && !failed; i++) {
      if (state == SKIP) {
        int j = skip(b, i, end);
        pos += j - i;
        i = j;
        if (i == end) {
          break;
        }
        endValue(); // b[i] closed the skipped container
        pos++;
        continue;
      }
      if (state == STRING) {
        // The hot path: message text, keys and the model. Skip to the next quote or escape in one tight loop.
        int j = i;
        while (j < end && b[j] != '"' && b[j] != '\\') {
          j++;
        }
        int n = j - i;
        if (n > 0) {
          if (stringIsKey) {
            if (keyLen < MAX_KEY) {
              System.arraycopy(b, i, key, keyLen, Math.min(n, MAX_KEY - keyLen));
            }
            keyLen += n;
          } else if (captureModel && modelLen < MAX_MODEL) {
            int kept = Math.min(n, MAX_MODEL - modelLen);
            System.arraycopy(b, i, model, modelLen, kept);
            modelLen += kept;
          }
        }
        stringLen += n;
        pos += n;
        i = j;
        if (i == end) {
          break;
        }
      } else if (state == SCALAR) {
        // Numbers ("created", token counts) digit by digit in one loop, not a state step each.
        int j = i;
        long v = scalarValue;
        while (j < end && b[j] >= '0' && b[j] <= '9') {
          if (v < Long.MAX_VALUE / 10 - 10) {
            v = v * 10 + (b[j] - '0');
          }
          j++;
        }
        int n = j - i;
        if (n > 0) {
          scalarValue = v;
          scalarDigits = true;
          scalarLen += n;
          pos += n;
          i = j;
          if (i == end) {
            break;
          }
        }
      }
      step(b[i]);
      pos++;
    }
  }

  /** Skips from {@code i}; returns the index of the byte that closes the skipped container, or {@code end}. */
  private int skip(byte[] b, int i, int end) {
    for (; i < end; i++) {
      byte c = b[i];
      if (skipString) {
        if (skipEscape) {
          skipEscape = false;
        } else if (c == '\\') {
          skipEscape = true;
        } else if (c == '"') {
          skipString = false;
        }
      } else if (c == '"') {
        skipString = true;
      } else if (c == '{' || c == '[') {
        skipDepth++;
      } else if ((c == '}' || c == ']') && --skipDepth == 0) {
        return i;
      }
    }
    return end;
  }

  /**
   * Whether {@code "usage"} occurs in {@code [from, to)} other than as {@code "usage":null}, which OpenAI (and
   * engines that copy it) put in every chunk of a stream that asked for usage. It looks for the rare {@code g} and
   * checks the bytes around it, one compare a byte on an ordinary chunk where a naive search costs a few. A document
   * without it has no usage object, so callers need not parse it to know.
   */
  static boolean mentionsUsage(byte[] b, int from, int to) {
    // An array, not a ByteBuffer: the gateway's buffers come in several classes, and a loop calling get(i) on more
    // than two of them pays a virtual call per byte.
    for (int i = from + 4; i < to - 2; i++) {
      if (b[i] == 'g' && b[i + 1] == 'e' && b[i + 2] == '"' && b[i - 1] == 'a' && b[i - 2] == 's' && b[i - 3] == 'u'
          && b[i - 4] == '"' && !nullValue(b, i + 3, to)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code [at, to)} starts with a colon and the literal {@code null} (whitespace allowed around both). */
  private static boolean nullValue(byte[] b, int at, int to) {
    int i = at;
    while (i < to && whitespace(b[i])) {
      i++;
    }
    if (i >= to || b[i] != ':') {
      return false;
    }
    i++;
    while (i < to && whitespace(b[i])) {
      i++;
    }
    if (to - i < 4 || b[i] != 'n' || b[i + 1] != 'u' || b[i + 2] != 'l' || b[i + 3] != 'l') {
      return false;
    }
    i += 4;
    return i == to || b[i] == ',' || b[i] == '}' || whitespace(b[i]);
  }

  /** True when the bytes fed are not (the start of) a JSON document. */
  boolean failed() {
    return failed;
  }

  /** True when one complete JSON value was read. */
  boolean complete() {
    return ended && !failed;
  }

  /** The top-level {@code model} string, or null. */
  String model() {
    if (modelText == null && modelLen > 0 && !captureModel) {
      modelText = new String(model, 0, modelLen, StandardCharsets.UTF_8);
    }
    return modelText;
  }

  /** True when a top-level {@code usage} object was seen. */
  boolean hasUsage() {
    return usageObject;
  }

  /** {@code usage.prompt_tokens}, or -1. */
  long promptTokens() {
    return promptTokens;
  }

  long completionTokens() {
    return completionTokens;
  }

  long totalTokens() {
    return totalTokens;
  }

  /** True when the document carries generated output (non-empty content or text, tool calls, embeddings). */
  boolean hasOutput() {
    return output;
  }

  /** True when a top-level {@code choices} array was seen and it was empty (OpenAI's usage-only chunk). */
  boolean choicesEmpty() {
    return choicesSeen && choicesCount == 0;
  }

  /** Offset of the first byte inside the quotes of the top-level {@code model} string, or -1. */
  long modelFrom() {
    return modelFrom;
  }

  /** Offset of its closing quote. */
  long modelTo() {
    return modelTo;
  }

  /** True when the model string has escapes (then it is not rewritten byte-wise). */
  boolean modelEscaped() {
    return modelEscaped;
  }

  /** Top-level {@code "stream": true}. */
  boolean streamTrue() {
    return streamTrue;
  }

  /** A top-level {@code stream_options} member is present. */
  boolean hasStreamOptions() {
    return streamOptions;
  }

  /** {@code stream_options.include_usage: true}. */
  boolean includeUsage() {
    return includeUsage;
  }

  /** Top-level {@code max_completion_tokens} or else {@code max_tokens}, or -1. */
  long maxTokens() {
    return maxTokens;
  }

  private void step(byte c) {
    switch (state) {
      case STRING -> string(c);
      case ESCAPE -> {
        stringByte(c);
        state = STRING;
      }
      case SCALAR -> scalar(c);
      case VALUE -> value(c);
      case AFTER_VALUE -> afterValue(c);
      case COLON -> {
        if (c == ':') {
          state = VALUE;
        } else if (!whitespace(c)) {
          failed = true;
        }
      }
      case SKIP -> { } // feed() scans skipped containers itself
    }
  }

  /** JSON's whitespace. */
  static boolean whitespace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private void value(byte c) {
    if (whitespace(c)) {
      return;
    }
    if (ended) {
      failed = true;
      return;
    }
    if (expectKey) {
      if (c == '"') {
        stringIsKey = true;
        keyLen = 0;
        stringLen = 0;
        state = STRING;
      } else if (c == '}' && count[depth] == 0) {
        close(true);
      } else {
        failed = true;
      }
      return;
    }
    switch (c) {
      case '{' -> open(true);
      case '[' -> open(false);
      case ']' -> {
        if (depth > 0 && !isObject[depth] && count[depth] == 0) {
          close(false);
        } else {
          failed = true;
        }
      }
      case '"' -> {
        stringIsKey = false;
        stringLen = 0;
        captureModel = depth == 1 && keyAt[1] == MODEL;
        if (captureModel) {
          modelLen = 0;
          modelText = null;
          modelFrom = pos + 1;
          modelEscaped = false;
        }
        state = STRING;
      }
      default -> {
        if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
          startScalar(c);
        } else {
          failed = true;
        }
      }
    }
  }

  private void open(boolean object) {
    valueStarts();
    if (depth == 1 && !object && keyAt[1] == CHOICES) {
      choicesSeen = true;
    }
    if (depth == 1 && object && keyAt[1] == USAGE) {
      usageObject = true;
    }
    if (depth == 1 && keyAt[1] == STREAM_OPTIONS) {
      streamOptions = true;
    }
    if (depth >= 1 && isObject[depth] && keyAt[depth] == OTHER && keyAt[1] != CHOICES) { // output hides in choices
      state = SKIP;
      skipDepth = 1;
      skipString = false;
      skipEscape = false;
      return;
    }
    depth++;
    if (depth <= MAX_DEPTH) {
      isObject[depth] = object;
      keyAt[depth] = OTHER;
      count[depth] = 0;
    } else {
      failed = true; // deeper than any OpenAI document
      return;
    }
    expectKey = object;
  }

  /** A value begins in the container at the current depth: count it (arrays) for the choices test. */
  private void valueStarts() {
    if (depth > 0 && !isObject[depth]) {
      count[depth]++;
      if (depth == 2 && keyAt[1] == CHOICES) {
        choicesCount++;
      }
      if (depth == 2 && keyAt[1] == DATA) {
        output = true; // an embedding
      }
    }
  }

  private void close(boolean object) {
    depth--;
    expectKey = false;
    endValue();
  }

  /** A value ended at the current depth: expect a comma, a closer, or the end. */
  private void endValue() {
    if (depth == 0) {
      ended = true;
      state = VALUE;
      return;
    }
    state = AFTER_VALUE;
  }

  private void afterValue(byte c) {
    if (whitespace(c)) {
      return;
    }
    if (c == ',') {
      if (isObject[depth]) {
        count[depth]++;
        expectKey = true;
      }
      state = VALUE;
    } else if (c == '}' && isObject[depth]) {
      close(true);
    } else if (c == ']' && !isObject[depth]) {
      close(false);
    } else {
      failed = true;
    }
  }

  private void string(byte c) {
    if (c == '"') {
      state = VALUE;
      if (stringIsKey) {
        keyAt[depth] = keyId();
        expectKey = false;
        state = COLON;
        return;
      }
      stringEnded();
      return;
    }
    if (c == '\\') {
      state = ESCAPE;
      if (captureModel) {
        modelEscaped = true;
      }
    }
    stringByte(c);
  }

  private void stringByte(byte c) {
    stringLen++;
    if (stringIsKey) {
      if (keyLen < MAX_KEY) {
        key[keyLen] = c;
      }
      keyLen++;
    } else if (captureModel && modelLen < MAX_MODEL) {
      model[modelLen++] = c;
    }
  }

  private void stringEnded() {
    valueStarts();
    if (captureModel) {
      captureModel = false;
      modelTo = pos;
    }
    if (stringLen > 0 && isOutputString()) {
      output = true;
    }
    endValue();
  }

  private boolean isOutputString() {
    // choices[i].text, choices[i].delta.content|reasoning_content, choices[i].message.content
    if (keyAt[1] != CHOICES) {
      return false;
    }
    if (depth == 3) {
      return keyAt[3] == TEXT;
    }
    if (depth == 4 && (keyAt[3] == DELTA || keyAt[3] == MESSAGE)) {
      return keyAt[4] == CONTENT || keyAt[4] == REASONING_CONTENT;
    }
    return depth >= 4 && keyAt[3] == DELTA && keyAt[4] == TOOL_CALLS;
  }

  private byte keyId() {
    if (keyLen == 0 || keyLen > MAX_KEY) {
      return OTHER;
    }
    byte id = KEY_TABLE[keySlot(key, keyLen)];
    if (id == OTHER || KEYS[id].length != keyLen) {
      return OTHER;
    }
    byte[] known = KEYS[id];
    for (int i = 0; i < keyLen; i++) { // a plain loop: Arrays.equals' vectorized mismatch costs more on keys this short
      if (known[i] != key[i]) {
        return OTHER;
      }
    }
    return id;
  }

  /**
   * Which known key a key of this length, first and last byte could be: one table read and one compare per key
   * instead of a compare against every known key. The slots of the known keys are distinct (checked below).
   */
  private static int keySlot(byte[] k, int len) {
    return (len + k[0] * 5 + k[len - 1]) & (KEY_TABLE_SIZE - 1);
  }

  private static final int KEY_TABLE_SIZE = 128;
  private static final byte[] KEY_TABLE = new byte[KEY_TABLE_SIZE];

  static {
    for (byte id = 1; id < KEYS.length; id++) {
      int slot = keySlot(KEYS[id], KEYS[id].length);
      if (KEY_TABLE[slot] != OTHER) {
        throw new AssertionError("two known keys share a slot: " + id + " and " + KEY_TABLE[slot]);
      }
      KEY_TABLE[slot] = id;
    }
  }

  private void startScalar(byte c) {
    valueStarts();
    scalarTarget = depth == 2 && keyAt[1] == USAGE ? keyAt[2] : OTHER;
    scalarValue = 0;
    scalarDigits = false;
    scalarFirst = c;
    if (depth == 1 && (keyAt[1] == MAX_TOKENS || keyAt[1] == MAX_COMPLETION_TOKENS)) {
      scalarTarget = keyAt[1];
    }
    scalarLen = 0;
    state = SCALAR;
    scalarByte(c);
  }

  private void scalar(byte c) {
    if (c == ',' || c == '}' || c == ']' || whitespace(c)) {
      scalarEnded();
      afterValue(c);
      return;
    }
    scalarByte(c);
  }

  private void scalarByte(byte c) {
    scalarLen++;
    if (c >= '0' && c <= '9') {
      scalarDigits = true;
      if (scalarValue < Long.MAX_VALUE / 10 - 10) {
        scalarValue = scalarValue * 10 + (c - '0');
      }
    } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
      scalarTarget = scalarTarget == OTHER ? OTHER : -1; // not a plain count: ignore it
    }
  }

  private void scalarEnded() {
    state = AFTER_VALUE;
    if (depth == 1 && keyAt[1] == STREAM_OPTIONS) {
      streamOptions = true;
    }
    if (scalarFirst == 't' && scalarLen == 4) {
      if (depth == 1 && keyAt[1] == STREAM) {
        streamTrue = true;
      } else if (depth == 2 && keyAt[1] == STREAM_OPTIONS && keyAt[2] == INCLUDE_USAGE) {
        includeUsage = true;
      }
    }
    if (scalarDigits && scalarTarget > 0) {
      switch (scalarTarget) {
        case MAX_COMPLETION_TOKENS -> maxTokens = scalarValue;
        case MAX_TOKENS -> maxTokens = maxTokens < 0 ? scalarValue : maxTokens;
        case PROMPT_TOKENS -> promptTokens = scalarValue;
        case COMPLETION_TOKENS -> completionTokens = scalarValue;
        case TOTAL_TOKENS -> totalTokens = scalarValue;
        default -> { }
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
