package dev.tokenmint.adapter.http;

import java.util.StringJoiner;

/** Request bodies: the vendors' documented examples (seeds/*.txt) and builders for variants. */
final class RequestBodies {

  /** Velt's example 1: viewer on an organization, editor on a document with a past expiry. */
  static final String VELT_EXAMPLE_1 =
      json(
          """
          {'userId': 'user123',
           'userProperties': {'isAdmin': false, 'name': 'John Doe', 'email': 'john@example.com'},
           'permissions': {'resources': [
             {'type': 'organization', 'id': 'org_123', 'accessRole': 'viewer'},
             {'type': 'document', 'id': 'doc_456', 'organizationId': 'org_123',
              'accessRole': 'editor', 'expiresAt': 1640995200}]}}
          """);

  /** Velt's example 2: an admin with viewer on one organization. */
  static final String VELT_EXAMPLE_2 =
      json(
          """
          {'userId': 'user456',
           'userProperties': {'isAdmin': true, 'name': 'Jane Smith', 'email': 'jane@example.com'},
           'permissions': {'resources': [
             {'type': 'organization', 'id': 'org_789', 'accessRole': 'viewer'}]}}
          """);

  /** Velt's example 3: an organization without a role (so editor), and editor on a folder. */
  static final String VELT_EXAMPLE_3 =
      json(
          """
          {'userId': 'user789',
           'userProperties': {'isAdmin': false, 'name': 'Bob Wilson', 'email': 'bob@example.com'},
           'permissions': {'resources': [
             {'type': 'organization', 'id': 'org_123'},
             {'type': 'folder', 'id': 'folder_001', 'organizationId': 'org_123',
              'accessRole': 'editor'}]}}
          """);

  /** A 32-byte (256-bit) HMAC key. */
  static final String KEY_256_BITS = "0123456789abcdef0123456789abcdef";

  /** The payload password of {@link #datafor}: it must never come back. */
  static final String PASSWORD = "pa55-w0rd-never-echoed";

  private RequestBodies() {}

  /** Datafor's documented example with {@code privateKey}. */
  static String datafor(String privateKey) {
    return datafor("admin", privateKey);
  }

  /**
   * Datafor's documented example for {@code username} with {@code privateKey}; the email is a real
   * address where the vendor's page has the placeholder {@code string}.
   */
  static String datafor(String username, String privateKey) {
    return json(
        """
        {'name': 'ERP', 'privateKey': '%s',
         'payload': {'username': '%s', 'name': 'ERP', 'roles': ['SYS_CREATOR', 'Manager'],
                     'inituser': 'string', 'password': '%s', 'company': 'string',
                     'dept': 'string', 'email': 'admin@example.com', 'description': 'string',
                     'title': 'string', 'dob': 'string', 'mobile': 'string'}}
        """
            .formatted(privateKey, username, PASSWORD));
  }

  /** Velt's {@code {"data": …}} wrapping of {@code body}. */
  static String wrapped(String body) {
    return "{\"data\":" + body + "}";
  }

  /** A minimal generate_token body for {@code userId} with the given resources (JSON objects). */
  static String tokenRequest(String userId, String... resources) {
    StringJoiner joined = new StringJoiner(",", "[", "]");
    for (String resource : resources) {
      joined.add(resource);
    }
    return "{\"userId\":\"" + userId + "\",\"permissions\":{\"resources\":" + joined + "}}";
  }

  /** A body with {@code count} organization grants with short, distinct ids. */
  static String organizations(int count) {
    String[] resources = new String[count];
    for (int i = 0; i < count; i++) {
      resources[i] = "{\"type\":\"organization\",\"id\":\"" + Integer.toString(i, 36) + "\"}";
    }
    return tokenRequest("u1", resources);
  }

  /** JSON written with single quotes, for readable test bodies; no value may hold a quote. */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }
}
