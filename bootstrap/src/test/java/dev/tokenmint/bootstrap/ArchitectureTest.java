package dev.tokenmint.bootstrap;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.javalin.Javalin;
import io.javalin.config.JavalinState;

/**
 * The dependency rule (docs/architecture.md): dependencies point inward, libraries stay in their
 * adapter, adapters never reach sideways, and packages have no cycles. Lives here because bootstrap
 * is the only module with every other one on its classpath.
 */
@AnalyzeClasses(packages = "dev.tokenmint", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule rings =
      onionArchitecture()
          .domainModels("dev.tokenmint.domain..")
          .applicationServices("dev.tokenmint.application..")
          .adapter("http", "dev.tokenmint.adapter.http..")
          .adapter("crypto", "dev.tokenmint.adapter.crypto..")
          .adapter("jdbc", "dev.tokenmint.adapter.jdbc..")
          .withOptionalLayers(true)
          .ignoreDependency(resideInAPackage("dev.tokenmint.bootstrap.."), alwaysTrue())
          .because("dependencies point inward and bootstrap is the composition root");

  @ArchTest
  static final ArchRule domain_needs_only_the_jdk =
      noClasses()
          .that()
          .resideInAPackage("dev.tokenmint.domain..")
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages("dev.tokenmint.domain..", "java..")
          .because("the domain is pure Java");

  @ArchTest
  static final ArchRule application_needs_only_the_domain_and_the_jdk =
      noClasses()
          .that()
          .resideInAPackage("dev.tokenmint.application..")
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages(
              "dev.tokenmint.application..", "dev.tokenmint.domain..", "java..")
          .because("use cases and ports carry no framework types");

  @ArchTest
  static final ArchRule jose_and_jca_providers_stay_in_crypto =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.tokenmint.adapter.crypto..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.nimbusds..",
              "com.google.crypto.tink..",
              "com.amazon.corretto.crypto..",
              "org.bouncycastle..");

  /**
   * Nimbus's {@code crypto.impl} package is its own machinery, free to change in any release: we
   * implement its public interfaces ({@code JWSSigner}, {@code JWSVerifier}) and call the JCA.
   */
  @ArchTest
  static final ArchRule no_nimbus_internals =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.nimbusds.jose.crypto.impl..")
          .because("library internals change without notice; their public interfaces do not");

  @ArchTest
  static final ArchRule javalin_jackson_validation_metrics_and_buckets_stay_in_http =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.tokenmint.adapter.http..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.javalin..",
              "com.fasterxml..",
              "jakarta.validation..",
              "org.hibernate.validator..",
              "org.eclipse.jetty..",
              "io.micrometer..",
              "io.prometheus..",
              "io.github.bucket4j..");

  /**
   * Javalin's {@code Javalin.unsafe} is its internal state (router, plugins, server), open to
   * change in any release; the routes, events and configuration have public API.
   */
  @ArchTest
  static final ArchRule javalin_is_used_through_its_public_api =
      noClasses()
          .should()
          .accessField(Javalin.class, "unsafe")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(JavalinState.class.getName())
          .because("Javalin.unsafe is Javalin's internal state, not its API");

  @ArchTest
  static final ArchRule sql_stays_in_jdbc =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.tokenmint.adapter.jdbc..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..",
              "javax.sql..",
              "org.h2..",
              "org.postgresql..",
              "com.zaxxer..",
              "org.flywaydb..");

  @ArchTest
  static final ArchRule ports_never_see_services =
      noClasses()
          .that()
          .resideInAPackage("dev.tokenmint.application.port..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.tokenmint.application.service..", "dev.tokenmint.application.memory..");

  /**
   * Time is a parameter in the inner rings: services hold the Clock the composition root made, and
   * domain rules take an Instant. Nothing there reads the system clock itself.
   */
  @ArchTest
  static final ArchRule inner_rings_never_read_the_system_clock =
      noClasses()
          .that()
          .resideInAnyPackage("dev.tokenmint.domain..", "dev.tokenmint.application..")
          .should()
          .callMethod(java.time.Clock.class, "systemUTC")
          .orShould()
          .callMethod(java.time.Clock.class, "systemDefaultZone")
          .orShould()
          .callMethod(java.time.Instant.class, "now")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .because("time is passed in (a Clock from bootstrap, or an Instant), so tests fix it");

  /**
   * HTTP stays in the HTTP adapter: no string of the inner rings, message or constant, names a
   * route, a header or the bearer scheme. A failure that needs one says which {@code Remedy}
   * applies, and the adapter names it.
   */
  @ArchTest
  static final ArchRule inner_rings_name_no_route_or_header =
      classes()
          .that()
          .resideInAnyPackage("dev.tokenmint.domain..", "dev.tokenmint.application..")
          .should(TransportWords.nameNoRouteOrHeader())
          .because("the adapter adds the transport's words where a message needs them");

  @ArchTest
  static final ArchRule no_cycles =
      slices().matching("dev.tokenmint.(**)").should().beFreeOfCycles();
}
