package dev.llmgateway.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
  @TempDir
  Path dir;

  @Test
  void aSecondStoreOnTheSameDataDirIsRefusedUntilTheFirstCloses() throws IOException {
    FileConfigStore first = FileConfigStore.open(dir);
    assertThatThrownBy(() -> FileConfigStore.open(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is in use by another gateway");
    first.close();
    FileConfigStore second = FileConfigStore.open(dir);
    assertThat(second.load()).isEmpty();
    second.close();
  }
}
