"""Sharing under rules: the access policy, and later disseminations and redaction."""
