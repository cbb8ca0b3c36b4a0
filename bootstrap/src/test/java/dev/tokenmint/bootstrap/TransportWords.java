package dev.tokenmint.bootstrap;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The words only the HTTP adapter may use: route paths, header names, the bearer scheme. Found in
 * the string constants of compiled classes, which hold every literal and every recipe of a
 * concatenated message ({@code "…; add it with " + route} included), but no comment and no class
 * name.
 */
final class TransportWords {

  /** A route ({@code /v2/users/add}, {@code generate_token}), a header name, or the scheme. */
  static final Pattern TRANSPORT =
      Pattern.compile(
          "/v\\d+/|/plugin/|/\\.well-known/|/health/"
              + "|\\b(generate_token|verify_token|check_access|revoke_token|generateAuthorization)\\b"
              + "|(?i)\\bx-(velt|api|request)-|\\bAuthorization:|\\bbearer\\b");

  private TransportWords() {}

  /** Holds no string constant with a transport word. */
  static ArchCondition<JavaClass> nameNoRouteOrHeader() {
    return new ArchCondition<>("name no route, header or bearer scheme in a string") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        for (String constant : stringConstants(javaClass)) {
          if (TRANSPORT.matcher(constant).find()) {
            events.add(
                SimpleConditionEvent.violated(
                    javaClass, javaClass.getName() + " holds the string \"" + constant + "\""));
          }
        }
      }
    };
  }

  private static List<String> stringConstants(JavaClass javaClass) {
    try (InputStream in = javaClass.getSource().orElseThrow().getUri().toURL().openStream()) {
      return stringConstants(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CONSTANT_String entries of a class file's constant pool (JVMS §4.4). */
  static List<String> stringConstants(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    in.skipNBytes(8); // magic, minor and major version
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    List<Integer> strings = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 8 -> strings.add(in.readUnsignedShort());
        case 7, 16, 19, 20 -> in.skipNBytes(2);
        case 15 -> in.skipNBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 5, 6 -> {
          in.skipNBytes(8);
          i++; // a long or a double takes two entries
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return strings.stream().map(index -> utf8[index]).toList();
  }
}
