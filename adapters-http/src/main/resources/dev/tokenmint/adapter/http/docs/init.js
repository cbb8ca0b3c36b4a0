// Renders tokenmint's OpenAPI document with swagger-ui, which /docs loads before this file. A served
// file rather than an inline script: the page's Content-Security-Policy runs scripts from this
// origin only.
"use strict";

fetch("/openapi.json", { headers: { Accept: "application/json" } })
  .then((response) => {
    if (!response.ok) {
      throw new Error("GET /openapi.json answered HTTP " + response.status);
    }
    return response.json();
  })
  .then((spec) => {
    // "Try it out" calls the tokenmint that serves this page: the document names the embedded
    // default's address, and the page's policy lets it send requests to this origin only.
    spec.servers = [{ url: window.location.origin, description: "this tokenmint" }];
    window.ui = SwaggerUIBundle({
      spec: spec,
      dom_id: "#swagger-ui",
      // No validator badge: it would hand the document's address to a service on the internet.
      validatorUrl: null,
      deepLinking: true,
      displayRequestDuration: true,
    });
  })
  .catch((failure) => {
    document.getElementById("swagger-ui").textContent =
      "Could not render the API reference: " + failure.message;
  });
