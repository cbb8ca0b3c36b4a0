package dev.tokenmint.domain.grant;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.failure.Violation;
import dev.tokenmint.domain.identifier.Identifier;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.resource.ResourceType;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;
import net.jqwik.api.constraints.LongRange;

/** The validation rules for identifiers, resources and grants, over many inputs. */
class GrantRulesPropertiesTest {

  private static final long YEAR_10000 = 253_402_300_800L;

  @Property
  void any_id_with_a_control_character_is_refused(
      @ForAll("printable") String before,
      @ForAll("controlCharacters") char control,
      @ForAll("printable") String after) {
    String id = "id" + before + control + after;

    assertThat(Identifier.hasControlCharacter(id)).isTrue();
    assertThat(violationsOf(() -> Resource.of("organization", id, Optional.empty())))
        .containsExactly(new Violation("id", "must not contain control characters"));
    assertThat(violationsOf(() -> new User(id, UserProfile.empty())))
        .containsExactly(new Violation("userId", "must not contain control characters"));
  }

  @Property
  void any_printable_id_of_1_to_256_characters_is_accepted(@ForAll("resourceIds") String id) {
    assertThat(Identifier.hasControlCharacter(id)).isFalse();
    assertThat(new User(id, UserProfile.empty()).userId()).isEqualTo(id);
    assertThat(Resource.of("document", id, Optional.of(id)).id()).isEqualTo(id);
  }

  @Property
  void any_valid_lowercase_type_and_role_round_trip_through_from_wire(
      @ForAll("types") String type,
      @ForAll("roles") Optional<String> role,
      @ForAll("resourceIds") String id,
      @ForAll("resourceIds") String organizationId,
      @ForAll("validExpiries") Optional<Long> expiresAt) {
    boolean isOrganization = type.equals("organization");
    Optional<String> wireOrganizationId =
        isOrganization ? Optional.empty() : Optional.of(organizationId);

    Grant grant = Grant.fromWire(type, id, wireOrganizationId, role, expiresAt);

    assertThat(grant.resource().type().wireName()).isEqualTo(type);
    assertThat(grant.resource().id()).isEqualTo(id);
    assertThat(grant.resource().organizationId()).isEqualTo(isOrganization ? id : organizationId);
    assertThat(grant.role().wireName()).isEqualTo(role.orElse("editor"));
    assertThat(grant.expiresAt().map(Instant::getEpochSecond)).isEqualTo(expiresAt);
  }

  @Property
  void any_other_type_is_refused_listing_the_allowed_values(@ForAll("notAType") String type) {
    assertThat(violationsOf(() -> Resource.of(type, "x_1", Optional.of("org_1"))))
        .containsExactly(
            new Violation(
                "type", "must be one of [organization, folder, document], got '" + type + "'"));
  }

  @Property
  void any_other_role_is_refused_listing_the_allowed_values(@ForAll("notARole") String role) {
    assertThat(
            violationsOf(
                () ->
                    Grant.fromWire(
                        "organization",
                        "org_1",
                        Optional.empty(),
                        Optional.of(role),
                        Optional.empty())))
        .containsExactly(
            new Violation("accessRole", "must be one of [viewer, editor], got '" + role + "'"));
  }

  @Property
  void expires_at_is_accepted_exactly_from_1_to_before_year_10000(
      @ForAll("expiryCandidates") long expiresAt) {
    boolean inRange = expiresAt >= 1 && expiresAt < YEAR_10000;
    Runnable fromWire =
        () ->
            Grant.fromWire(
                "organization",
                "org_1",
                Optional.empty(),
                Optional.empty(),
                Optional.of(expiresAt));

    if (inRange) {
      assertThat(
              Grant.fromWire(
                      "organization",
                      "org_1",
                      Optional.empty(),
                      Optional.empty(),
                      Optional.of(expiresAt))
                  .expiresAt())
          .contains(Instant.ofEpochSecond(expiresAt));
    } else {
      assertThat(violationsOf(fromWire)).extracting(Violation::field).containsExactly("expiresAt");
    }
  }

  @Property(tries = 200)
  void any_expires_at_in_range_is_accepted_as_given(
      @ForAll @LongRange(min = 1, max = YEAR_10000 - 1) long expiresAt) {
    Grant grant =
        Grant.fromWire(
            "organization", "org_1", Optional.empty(), Optional.empty(), Optional.of(expiresAt));

    assertThat(grant.expiresAt()).contains(Instant.ofEpochSecond(expiresAt));
  }

  @Provide
  Arbitrary<String> printable() {
    return printableStrings().ofMaxLength(120);
  }

  @Provide
  Arbitrary<String> ids() {
    return printableStrings()
        .ofMinLength(1)
        .ofMaxLength(Identifier.MAX_LENGTH)
        .filter(id -> !id.isBlank() && !id.chars().allMatch(c -> c == '\u00a0'));
  }

  /** Ids without '*', which resource ids reserve for prefix grants. */
  @Provide
  Arbitrary<String> resourceIds() {
    return ids().filter(id -> id.indexOf('*') < 0);
  }

  @Provide
  Arbitrary<Character> controlCharacters() {
    return Arbitraries.oneOf(
        Arbitraries.chars().range('\u0000', '\u001f'),
        Arbitraries.chars().range('\u007f', '\u009f'));
  }

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.of(ResourceType.WIRE_NAMES);
  }

  @Provide
  Arbitrary<Optional<String>> roles() {
    return Arbitraries.of(AccessRole.WIRE_NAMES).optional();
  }

  @Provide
  Arbitrary<Optional<Long>> validExpiries() {
    return Arbitraries.longs().between(1, YEAR_10000 - 1).optional();
  }

  @Provide
  Arbitrary<String> notAType() {
    return Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(20),
            Arbitraries.of(ResourceType.WIRE_NAMES).map(GrantRulesPropertiesTest::capitalized),
            Arbitraries.of("doc", "org", "workspace", "documents", " folder", "FOLDER"))
        .filter(s -> !ResourceType.WIRE_NAMES.contains(s));
  }

  @Provide
  Arbitrary<String> notARole() {
    return Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(20),
            Arbitraries.of(AccessRole.WIRE_NAMES).map(GrantRulesPropertiesTest::capitalized),
            Arbitraries.of("owner", "admin", "EDITOR", "viewer "))
        .filter(s -> !AccessRole.WIRE_NAMES.contains(s));
  }

  @Provide
  Arbitrary<Long> expiryCandidates() {
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.longs().between(-1_000, 1_000),
        Arbitraries.longs().between(YEAR_10000 - 1_000, YEAR_10000 + 1_000));
  }

  private static StringArbitrary printableStrings() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u00a0', '\u00ac') // U+00AD SOFT HYPHEN is a format character
        .withCharRange('\u00ae', '\u024f')
        .withCharRange('\u4e00', '\u4fff');
  }

  private static String capitalized(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
