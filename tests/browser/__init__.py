"""The browser tests as a package, so that their module names (browser.test_curate) do not clash with
the Flask test-client tests of the same pages (tests/web/test_curate.py) under pytest's default imports."""
