#!/usr/bin/python3
"""Validates a SARIF file against the SARIF 2.1.0 JSON schema (vendored in
reports/sarif-2.1.0.schema.json). Prints "valid" or every error; exit 1 on
errors, 3 when python3-jsonschema is missing (the test then skips)."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed")
    sys.exit(3)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        log = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(log), key=lambda e: list(e.path))
    for error in errors[:20]:
        print("/".join(str(p) for p in error.path), ":", error.message)
    if errors:
        sys.exit(1)
    print("valid (" + validator_class.__name__ + ")")


if __name__ == "__main__":
    main()
