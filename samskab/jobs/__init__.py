"""Background jobs: long work (imports, segment fits, the follow-up's mail) queued in the
database and run by `samskab worker`, never inside a web request."""
