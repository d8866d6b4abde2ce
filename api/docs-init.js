// Starts Swagger UI on /api/docs against this server's OpenAPI document.
// A separate file because the server's Content-Security-Policy (default-src 'self') forbids
// inline scripts; everything it loads comes from the same origin.
'use strict';

window.addEventListener('load', function () {
  // swagger-ui.css leaves the page margin to the host page; set it here, not in an inline style.
  document.body.style.margin = '0';

  window.ui = window.SwaggerUIBundle({
    url: '/api/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    // No calls to the public validator service: the page must work offline and under CSP.
    validatorUrl: null,
    // Never take the document URL from the query string, so a link cannot load a foreign spec.
    queryConfigEnabled: false,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 0,
  });
});
