package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.key.SigningAlgorithm;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /v2/keys/algorithms}: {@code {"allowed": ["ES256", "EdDSA"]}}, the JOSE
 * names of the algorithms the workspace's verification accepts. The use case checks the set.
 */
record AllowAlgorithmsRequest(List<String> allowed) {

  /**
   * The named algorithms.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException naming {@code allowed}, or {@code
   *     allowed[i]} for each name that is not an algorithm
   */
  Set<SigningAlgorithm> algorithms() {
    Violations violations = new Violations();
    violations.require(allowed != null, "allowed", "is required: a list of algorithm names");
    violations.throwIfAny();
    Set<SigningAlgorithm> algorithms = EnumSet.noneOf(SigningAlgorithm.class);
    for (int i = 0; i < allowed.size(); i++) {
      Optional<SigningAlgorithm> algorithm =
          Optional.ofNullable(allowed.get(i)).flatMap(SigningAlgorithm::fromJoseName);
      if (algorithm.isPresent()) {
        algorithms.add(algorithm.get());
      } else {
        violations.add(
            "allowed[" + i + "]",
            "is not an algorithm; allowed values: " + SigningAlgorithm.JOSE_NAMES);
      }
    }
    violations.throwIfAny();
    return algorithms;
  }
}
