"""The dashboard: HTML pages over the same library calls as the REST API, every asset local."""
