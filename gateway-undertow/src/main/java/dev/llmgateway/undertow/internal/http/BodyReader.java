package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.undertow.internal.upstream.IdleTimer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.xnio.ChannelListener;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads the start of a request body into memory without blocking, up to a cap: either all of it (a body that ends
 * within the cap, marked complete) or the first {@code cap} bytes with the rest left on the channel. A client that
 * sends no byte for the idle timeout is given up on (nginx's {@code client_body_timeout}).
 */
final class BodyReader implements ChannelListener<StreamSourceChannel> {
  /** The outcome; called once, on the IO thread. */
  interface Done {
    /** {@code complete}: the body ended within the cap. Otherwise the rest is still on {@code channel}. */
    void bodyRead(byte[] bytes, int length, boolean complete, StreamSourceChannel channel);

    void bodyFailed(IOException e);

    /** The client sent nothing for the idle timeout. */
    void bodyStalled();
  }

  private final StreamSourceChannel channel;
  private final int cap;
  private final Done done;
  private final long idleMillis;
  private IdleTimer idle; // made once the client makes us wait: a body that came whole costs none
  private byte[] bytes;
  private int length;

  private BodyReader(StreamSourceChannel channel, int cap, long declaredLength, long idleMillis, Done done) {
    this.channel = channel;
    this.cap = cap;
    this.done = done;
    this.idleMillis = idleMillis;
    int initial = declaredLength >= 0 ? (int) Math.min(declaredLength, cap) : Math.min(cap, 8192);
    this.bytes = new byte[Math.max(initial, 1)];
  }

  /** Reads from {@code channel} (a request channel) up to {@code cap} bytes, giving up after {@code idleMillis}. */
  static void read(StreamSourceChannel channel, int cap, long declaredLength, long idleMillis, Done done) {
    BodyReader reader = new BodyReader(channel, cap, declaredLength, idleMillis, done);
    channel.getReadSetter().set(reader);
    reader.handleEvent(channel);
  }

  private void stalled() {
    channel.suspendReads();
    channel.getReadSetter().set(null);
    done.bodyStalled();
  }

  @Override
  public void handleEvent(StreamSourceChannel c) {
    try {
      while (true) {
        if (length == bytes.length) {
          if (length >= cap) {
            // The cap is reached: whether more follows is the streaming relay's business.
            if (probeEnd(c)) {
              return;
            }
            finish(false);
            return;
          }
          bytes = Arrays.copyOf(bytes, Math.min(cap, bytes.length * 2));
        }
        int n = c.read(ByteBuffer.wrap(bytes, length, bytes.length - length));
        if (n == 0) {
          if (idle == null) {
            idle = new IdleTimer(c.getIoThread(), this::stalled);
            idle.start(idleMillis);
          }
          c.resumeReads();
          return;
        }
        if (n < 0) {
          finish(true);
          return;
        }
        length += n;
        if (idle != null) {
          idle.touch();
        }
      }
    } catch (IOException e) {
      stopTimer();
      c.suspendReads();
      c.getReadSetter().set(null);
      done.bodyFailed(e);
    }
  }

  /** At the cap, a body that has in fact ended is complete; true when that was settled here. */
  private boolean probeEnd(StreamSourceChannel c) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    int n = c.read(one);
    if (n < 0) {
      finish(true);
      return true;
    }
    if (n > 0) {
      bytes = Arrays.copyOf(bytes, length + 1);
      bytes[length++] = one.get(0);
    }
    return false;
  }

  private void stopTimer() {
    if (idle != null) {
      idle.cancel();
    }
  }

  private void finish(boolean complete) {
    stopTimer();
    channel.suspendReads();
    channel.getReadSetter().set(null);
    done.bodyRead(bytes, length, complete, channel);
  }
}
