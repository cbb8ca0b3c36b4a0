package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Velt's users and permissions round trips over HTTP against the server the composition root builds
 * on its embedded H2 file database, each with a restart in the middle: what one process stored, the
 * next one reads, changes and removes. Whole answers are compared.
 */
class VeltUsersAndPermissionsOnDiskIT {

  static final String API_KEY = "tmk_velt_disk";
  static final String AUTH_TOKEN = "tmat_velt_disk_admin_0123456789abcdefgh";

  private final Path dataDir = TestDirectories.fresh("velt-disk");

  private Tokenmint start() {
    return Tokenmint.start(
        Settings.fromEnvironment(
            Map.of(
                "TOKENMINT_PORT",
                "0",
                "TOKENMINT_DATA_DIR",
                dataDir.toString(),
                "TOKENMINT_ISSUER",
                "https://disk.test",
                "TOKENMINT_API_KEY",
                API_KEY,
                "TOKENMINT_AUTH_TOKEN",
                AUTH_TOKEN)),
        Clock.systemUTC());
  }

  @Test
  void users_round_trip_add_get_update_get_delete_get_across_a_restart() {
    String organization = "{\"organizationId\": \"org_disk\"}";
    String document = "{\"organizationId\": \"org_disk\", \"documentId\": \"doc_disk\"}";
    try (Tokenmint first = start()) {
      Http http = new Http(first.port(), API_KEY, AUTH_TOKEN);
      assertAnswer(
          http.post(
              "/v2/users/add",
              """
              {"data": {"organizationId": "org_disk", "users": [
                {"userId": "u1", "name": "John Doe", "email": "john@example.com",
                 "accessRole": "viewer"},
                {"userId": "u2", "name": "Jane Smith", "email": "jane@example.com"}]}}
              """),
          """
          {"result": {"status": "success", "message": "User(s) processed successfully.",
            "data": {"u1": {"success": true, "id": "u1", "message": "added"},
                     "u2": {"success": true, "id": "u2", "message": "added"}}}}
          """);
      assertAnswer(
          http.post(
              "/v2/users/add",
              "{\"organizationId\": \"org_disk\", \"documentId\": \"doc_disk\","
                  + " \"users\": [{\"userId\": \"u3\", \"accessRole\": \"viewer\"}]}"),
          """
          {"result": {"status": "success", "message": "User(s) processed successfully.",
            "data": {"u3": {"success": true, "id": "u3", "message": "added"}}}}
          """);
    }

    try (Tokenmint second = start()) {
      Http http = new Http(second.port(), API_KEY, AUTH_TOKEN);
      assertAnswer(
          http.post("/v2/users/get", organization),
          """
          {"result": {"status": "success", "message": "User(s) retrieved successfully.",
            "data": [
              {"userId": "u1", "name": "John Doe", "email": "john@example.com",
               "accessRole": "viewer"},
              {"userId": "u2", "name": "Jane Smith", "email": "jane@example.com",
               "accessRole": "editor"}]}}
          """);
      assertAnswer(
          http.post("/v2/users/get", document),
          """
          {"result": {"status": "success", "message": "User(s) retrieved successfully.",
            "data": [{"userId": "u3", "accessRole": "viewer"}]}}
          """);

      assertAnswer(
          http.post(
              "/v2/users/update",
              """
              {"data": {"organizationId": "org_disk", "users": [
                {"userId": "u1", "name": "John Smith", "accessRole": "editor"}]}}
              """),
          """
          {"result": {"status": "success", "message": "User(s) processed successfully.",
            "data": {"u1": {"success": true, "id": "u1", "message": "updated"}}}}
          """);
      assertAnswer(
          http.post("/v2/users/get", organization),
          """
          {"result": {"status": "success", "message": "User(s) retrieved successfully.",
            "data": [
              {"userId": "u1", "name": "John Smith", "email": "john@example.com",
               "accessRole": "editor"},
              {"userId": "u2", "name": "Jane Smith", "email": "jane@example.com",
               "accessRole": "editor"}]}}
          """);

      assertAnswer(
          http.post(
              "/v2/users/delete", "{\"organizationId\": \"org_disk\", \"userIds\": [\"u1\"]}"),
          """
          {"result": {"status": "success", "message": "User(s) deleted successfully.",
            "data": {"u1": {"success": true, "id": "u1", "message": "removed"}}}}
          """);
      assertAnswer(
          http.post(
              "/v2/users/delete",
              "{\"organizationId\": \"org_disk\", \"documentId\": \"doc_disk\","
                  + " \"userIds\": [\"u3\"]}"),
          """
          {"result": {"status": "success", "message": "User(s) deleted successfully.",
            "data": {"u3": {"success": true, "id": "u3", "message": "removed"}}}}
          """);
    }

    try (Tokenmint third = start()) {
      Http http = new Http(third.port(), API_KEY, AUTH_TOKEN);
      assertAnswer(
          http.post("/v2/users/get", organization),
          """
          {"result": {"status": "success", "message": "User(s) retrieved successfully.",
            "data": [
              {"userId": "u2", "name": "Jane Smith", "email": "jane@example.com",
               "accessRole": "editor"}]}}
          """);
      assertAnswer(
          http.post("/v2/users/get", document),
          """
          {"result": {"status": "success", "message": "User(s) retrieved successfully.",
            "data": []}}
          """);
    }
  }

  @Test
  void velt_permissions_example_round_trips_add_get_remove_get_across_a_restart() {
    String get =
        "{\"data\": {\"organizationId\": \"YOUR_ORGANIZATION_ID\", \"userIds\": [\"some-user-id\"]}}";
    try (Tokenmint first = start()) {
      Http http = new Http(first.port(), API_KEY, AUTH_TOKEN);
      assertAnswer(
          http.post(
              "/v2/auth/permissions/add",
              """
              {"data": {"user": {"userId": "some-user-id"},
               "permissions": {"resources": [
                 {"type": "organization", "id": "YOUR_ORGANIZATION_ID"},
                 {"type": "folder", "id": "YOUR_FOLDER_ID",
                  "organizationId": "YOUR_ORGANIZATION_ID", "accessRole": "viewer"},
                 {"type": "document", "id": "YOUR_DOCUMENT_ID",
                  "organizationId": "YOUR_ORGANIZATION_ID", "expiresAt": 1728902400}]}}}
              """),
          """
          {"result": {"status": "success", "message": "Permissions added successfully.",
            "data": {"stored": 3}}}
          """);
    }

    try (Tokenmint second = start()) {
      Http http = new Http(second.port(), API_KEY, AUTH_TOKEN);
      assertAnswer(
          http.post("/v2/auth/permissions/get", get),
          """
          {"result": {"status": "success", "message": "User permissions retrieved successfully.",
            "data": {"some-user-id": {
              "organization": {"YOUR_ORGANIZATION_ID": {"accessRole": "editor"}},
              "folders": {"YOUR_FOLDER_ID": {"accessRole": "viewer"}},
              "documents": {"YOUR_DOCUMENT_ID": {"accessRole": "editor",
                                                 "expiresAt": 1728902400}}}}}}
          """);

      assertAnswer(
          http.post(
              "/v2/auth/permissions/remove",
              """
              {"data": {"userId": "some-user-id",
               "permissions": {"resources": [
                 {"type": "organization", "id": "YOUR_ORGANIZATION_ID"},
                 {"type": "document", "id": "YOUR_DOCUMENT_ID",
                  "organizationId": "YOUR_ORGANIZATION_ID"}]}}}
              """),
          """
          {"result": {"status": "success", "message": "Permissions removed successfully.",
            "data": {"removed": 2}}}
          """);
    }

    try (Tokenmint third = start()) {
      Http http = new Http(third.port(), API_KEY, AUTH_TOKEN);
      assertAnswer(
          http.post("/v2/auth/permissions/get", get),
          """
          {"result": {"status": "success", "message": "User permissions retrieved successfully.",
            "data": {"some-user-id": {
              "organization": {},
              "folders": {"YOUR_FOLDER_ID": {"accessRole": "viewer"}},
              "documents": {}}}}}
          """);
    }
  }

  private static void assertAnswer(Http.Reply reply, String expected) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo(json(expected));
  }

  private static JsonNode json(String text) {
    try {
      return Http.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
