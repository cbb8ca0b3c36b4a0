package dev.tokenmint.application.port.in;

/**
 * Size limits on minted tokens: most grants per token, largest token in bytes, and the size above
 * which a token may not fit common HTTP header limits (the caller is warned, not refused).
 */
public record TokenLimits(int maxGrants, int maxTokenBytes, int headerSafeBytes) {

  /** The defaults: 1 000 grants, 128 KiB tokens, a warning above 8 KiB. */
  public static final TokenLimits DEFAULTS = new TokenLimits(1000, 128 * 1024, 8 * 1024);

  /** Every limit is positive; the warning threshold does not exceed the hard limit. */
  public TokenLimits {
    if (maxGrants < 1 || maxTokenBytes < 1 || headerSafeBytes < 1) {
      throw new IllegalArgumentException("token limits must be positive");
    }
    if (headerSafeBytes > maxTokenBytes) {
      throw new IllegalArgumentException("the header warning threshold exceeds the token limit");
    }
  }
}
