package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import java.time.Instant;

/** Makes new signing keys. */
public interface KeyGenerator {

  /** A fresh {@link dev.tokenmint.domain.key.KeyStatus#ACTIVE} key of {@code algorithm}. */
  SigningKey generate(SigningAlgorithm algorithm, Instant createdAt);
}
