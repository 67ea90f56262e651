// GOV.UK Frontend's body classes, from a file rather than inline so the Content-Security-Policy
// can forbid inline script. Loaded (not deferred) as the first thing in <body>.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
