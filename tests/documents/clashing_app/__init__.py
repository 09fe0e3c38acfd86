"""An app that exists only for the tests: it declares a kind another app declares already."""
