"""English catalogues: one module per area of the interface, each with a dict `EN`."""
