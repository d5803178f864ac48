"""The `paiban` command line (click): one module per command, registered in `main`."""
