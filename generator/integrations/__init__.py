"""Site-build integrations: the policy rendered inside a site's own build.

* :mod:`generator.integrations.jinja` — ``privacy_policy(lang)`` in a site's Jinja2
  environment (a global installed by ``install()``, or the ``PrivacyPolicyExtension``);
* :mod:`generator.integrations.mkdocs` — the ``kzpolicy`` MkDocs plugin (``pip install
  'kzpolicy[mkdocs]'``), which adds one policy page per language at build time.

Each is imported only when used, so neither Jinja2 site code nor MkDocs is loaded by the
command line. Both take clause overrides: a directory (or Jinja2 loader) whose
``<lang>/clauses/<clause-id>.j2`` files replace single clauses of ours. See
docs/site-builds.md.
"""
