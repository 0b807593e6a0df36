// Swagger UI over rasfleet's OpenAPI document; "Try it out" asks the browser for the ApplicationRealm user.
window.addEventListener("load", () => {
  const root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: root.dataset.openapi, domNode: root, deepLinking: true });
});
