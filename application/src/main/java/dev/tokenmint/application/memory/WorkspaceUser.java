package dev.tokenmint.application.memory;

/** A user of a workspace: what the in-memory stores keep a user's profile and grants under. */
record WorkspaceUser(String workspaceId, String userId) {}
