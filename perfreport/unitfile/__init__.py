"""The unit file: reading it within limits, checking it against the schema, its blank form and JSON Schema."""
