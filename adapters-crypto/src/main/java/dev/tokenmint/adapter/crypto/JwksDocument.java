package dev.tokenmint.adapter.crypto;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON Web Key Set document ({@code {"keys":[…]}}, RFC 7517 §5) of a list of public JWKs, for
 * embedders that publish their own JWKS or hand it to {@link JwksTokenVerifier} in-process.
 */
public final class JwksDocument {

  private JwksDocument() {}

  /**
   * The JWKS of {@code publicJwks} (each a JSON object such as {@link
   * dev.tokenmint.domain.key.SigningKey#publicJwk()}, e.g. from {@code PublishKeys.publicJwks}), in
   * order.
   *
   * @throws IllegalArgumentException when an entry is not a JWK or holds a private part
   */
  public static String json(List<String> publicJwks) {
    List<JWK> keys = new ArrayList<>(publicJwks.size());
    for (int i = 0; i < publicJwks.size(); i++) {
      JWK jwk;
      try {
        jwk = JWK.parse(publicJwks.get(i));
      } catch (ParseException | RuntimeException e) {
        throw new IllegalArgumentException("publicJwks[" + i + "] is not a JWK");
      }
      if (jwk.isPrivate()) {
        throw new IllegalArgumentException("publicJwks[" + i + "] holds a private key");
      }
      keys.add(jwk);
    }
    return new JWKSet(keys).toString(true);
  }
}
