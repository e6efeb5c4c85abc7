"""From a failure cause to a minimal, validated, risk-classified change of the target files."""
