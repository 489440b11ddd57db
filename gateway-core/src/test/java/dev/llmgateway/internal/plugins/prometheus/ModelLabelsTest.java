package dev.llmgateway.internal.plugins.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ModelLabelsTest {
  @Test
  void theFirstModelsAreKeptAndTheRestFoldIntoOther() {
    ModelLabels labels = new ModelLabels(3);
    assertThat(labels.label("a")).isEqualTo("a");
    assertThat(labels.label("b")).isEqualTo("b");
    assertThat(labels.label("a")).isEqualTo("a");
    assertThat(labels.label("c")).isEqualTo("c");
    assertThat(labels.label("d")).isEqualTo(ModelLabels.OTHER);
    assertThat(labels.label("b")).as("known names stay themselves").isEqualTo("b");
    assertThat(labels.label(null)).isEmpty();
    assertThat(new ModelLabels(10).label("x".repeat(129))).isEqualTo(ModelLabels.OTHER);
  }

  @Test
  void concurrentNewNamesNeverAdmitMoreThanTheLimit() throws Exception {
    ModelLabels labels = new ModelLabels(50);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      int offset = t;
      pool.execute(() -> {
        for (int i = 0; i < 500; i++) {
          seen.add(labels.label("m" + ((i * 4 + offset) % 300)));
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).hasSize(51).contains(ModelLabels.OTHER);
  }
}
