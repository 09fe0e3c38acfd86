"""An app that exists only for the tests: it declares a document kind of its own."""
